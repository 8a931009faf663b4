import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeHttpReference, type Reading } from './node-http-reference.js';
import { parse } from './parse-bytes.js';
import { pick, seededRandom } from './seeded-random.js';

/** Cases per run: bounded, seeded (the same responses every run). */
const CASES = 400;
const SEED = 24;

const CONTENT_LENGTHS = (n: number) => [`${n}`, `${n}`, ` ${n}\t`, `${n}, ${n}`, `0${n}`, `${n}\xa0`, `\xa0${n}`, `${n + 1}`, `+${n}`, `${n},`, `${n} ${n}`, ''];
const TRANSFER_ENCODINGS = ['chunked', 'chunked', 'Chunked', 'chunked,', ', chunked', ' , chunked ,', 'chunked\t', 'gzip, chunked', 'chunked, gzip', 'identity', 'chunked, chunked', 'chunked\xa0', '\xa0chunked', 'chunkedx', ''];
const OTHER_VALUES = ['x', 'a b', '\xa0', '\xff\xfe', 'v\t', ''];

function chunkedBody(body: string, next: () => number): string {
  let out = '';
  let at = 0;
  while (at < body.length) {
    const size = Math.min(body.length - at, 1 + Math.floor(next() * 8));
    const hex = next() < 0.2 ? size.toString(16).toUpperCase() : size.toString(16);
    out += `${hex}${next() < 0.2 ? ';ext=1' : ''}\r\n${body.slice(at, at + size)}\r\n`;
    at += size;
  }
  return `${out}0\r\n${next() < 0.2 ? 'Trailer-Field: 1\r\n' : ''}\r\n`;
}

/** A response from a grammar of the framings RFC 9112 §6 allows and the ways they go wrong. */
function randomResponse(next: () => number): Buffer {
  const version = next() < 0.85 ? '1.1' : '1.0';
  const status = pick([200, 200, 200, 201, 204, 304, 404, 500], next);
  const body = 'abcdefghijklmnopqrstuvwxyz'.slice(0, Math.floor(next() * 20));
  const framing = pick(['length', 'chunked', 'close', 'both'] as const, next);
  const informational = next() < 0.1 ? 'HTTP/1.1 100 Continue\r\n\r\n' : '';
  const head = [`HTTP/${version} ${status} Reason`];
  if (next() < 0.5) head.push(`X-Other: ${pick(OTHER_VALUES, next)}`);
  let chunked = false;
  if (framing === 'chunked' || framing === 'both') {
    const coding = pick(TRANSFER_ENCODINGS, next);
    chunked = next() < 0.8;
    head.push(`Transfer-Encoding: ${coding}`);
  }
  const wire = chunked ? chunkedBody(body, next) : body;
  if (framing === 'length' || framing === 'both') head.push(`Content-Length: ${pick(CONTENT_LENGTHS(framing === 'both' ? wire.length : body.length), next)}`);
  return Buffer.from(`${informational}${head.join('\r\n')}\r\n\r\n${wire}`, 'latin1');
}

/**
 * Whether RFC 9112 lets a client refuse `text` that node:http reads: a transfer coding other than
 * one final `chunked` (§6.1: node hands the still-coded bytes over as the body), Transfer-Encoding
 * in an HTTP/1.0 response (§6.1: faulty framing), an empty Transfer-Encoding list, a byte other
 * than SP or HTAB around a length (NBSP is not whitespace there, §5.6.3), or a list llhttp
 * misreads (`chunked,`, `chunked<TAB>`: fanout reads chunked framing where llhttp reads raw bytes).
 */
function refusable(text: string): boolean {
  const te = /\r\ntransfer-encoding:([^\r]*)\r\n/i.exec(text)?.[1];
  if (te !== undefined) {
    const codings = te.split(',').map((c) => c.replace(/^[ \t]+|[ \t]+$/g, '').toLowerCase()).filter((c) => c !== '');
    if (codings.length !== 1 || codings[0] !== 'chunked' || /^HTTP\/1\.0 /m.test(text.replace(/^HTTP\/1\.1 100[^]*?\r\n\r\n/, ''))) return true;
  }
  return /content-length:[^\r]*\u00a0/i.test(text) || llhttpMisreadsChunked(text);
}

/**
 * Whether `text`, which llhttp refuses, is one RFC 9112 lets a client read: both framings
 * (§6.3 item 3: Transfer-Encoding overrides Content-Length; fanout drops the connection after)
 * or a Content-Length list of equal values (RFC 9110 §8.6), or one with a tab around it (OWS,
 * RFC 9110 §5.5: llhttp takes a space there but not a tab).
 */
function readableByRfc(text: string): boolean {
  if (/\r\ntransfer-encoding:/i.test(text) && /\r\ncontent-length:/i.test(text)) return true;
  const length = /\r\ncontent-length:([^\r]*)\r\n/i.exec(text)?.[1];
  if (length === undefined) return false;
  const parts = new Set(length.split(',').map((part) => part.replace(/^[ \t]+|[ \t]+$/g, '')));
  return parts.size === 1 && /^\d+$/.test([...parts][0] as string);
}

/** Transfer-Encoding is exactly `chunked` by RFC 9110's list rules, but not as llhttp reads it (tabs, empty elements). */
function llhttpMisreadsChunked(text: string): boolean {
  const te = /\r\ntransfer-encoding:([^\r]*)\r\n/i.exec(text)?.[1];
  if (te === undefined) return false;
  const codings = te.split(',').map((c) => c.replace(/^[ \t]+|[ \t]+$/g, '').toLowerCase()).filter((c) => c !== '');
  return codings.length === 1 && codings[0] === 'chunked' && te.replace(/^ +| +$/g, '').toLowerCase() !== 'chunked';
}

/** How fanout's parser reads `bytes` as the response to a GET, the server closing after them. */
function ours(bytes: Buffer): Reading {
  const parsed = parse([bytes], { close: true });
  return parsed.error === undefined && parsed.ended === 1 && parsed.status !== undefined ? { ok: true, status: parsed.status, body: parsed.body } : { ok: false };
}

let reference: NodeHttpReference;
beforeAll(async () => {
  reference = await NodeHttpReference.start();
});
afterAll(() => reference.close());

describe('response parser against node:http (llhttp), on the same seeded random responses', () => {
  it(`agrees on status and body whenever both accept; accepts nothing node:http refuses (${CASES} cases)`, async () => {
    const next = seededRandom(SEED);
    const stricter: string[] = [];
    let bothOk = 0;
    for (let n = 0; n < CASES; n++) {
      const bytes = randomResponse(next);
      const text = bytes.toString('latin1');
      const [mine, node] = [ours(bytes), await reference.read(bytes)];
      if (mine.ok && node.ok) {
        bothOk++;
        // llhttp takes `chunked<TAB>`, `chunked,` as some other coding and hands the chunk
        // framing over as the body; per RFC 9110 (§5.5 a tab is whitespace around a value,
        // §5.6.1 empty list elements are ignored) both are `chunked`: fanout de-chunks.
        if (llhttpMisreadsChunked(text) && node.body !== mine.body && node.body.includes('0\r\n')) continue;
        expect({ status: mine.status, body: mine.body }, JSON.stringify(text)).toEqual({ status: node.status, body: node.body });
      } else if (mine.ok) {
        if (readableByRfc(text)) continue;
        expect.fail(`fanout accepted what node:http refused: ${JSON.stringify(text)} → ${JSON.stringify(mine)}`);
      } else if (node.ok) stricter.push(text);
    }
    // Most cases are valid responses both read; the ones only fanout refuses are the ones the
    // RFC lets a client refuse (a transfer coding it does not decode, NBSP around a length, ...).
    expect(bothOk).toBeGreaterThan(CASES / 3);
    for (const text of stricter) expect(refusable(text), JSON.stringify(text)).toBe(true);
  }, 60_000);
});
