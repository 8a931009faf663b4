import { describe, expect, it } from 'vitest';
import { getJson, useApp } from './app-fixture.js';
import { rawRequest, type RawResponse } from './raw-http.js';

const ctx = useApp();

/** A small seeded generator, so that a failure is repeatable. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const ODD_TARGETS = [
  '//x:99999/',
  '//x:99999/api/posts?ids=1',
  '//[::1/',
  '//@/',
  '//user:pass@host:1/api/posts',
  '/%',
  '/%zz?ids=%',
  '/api/posts?ids=%E0%A4%A',
  '/api/posts?%=&=',
  '/api/posts?ids=1&ids',
  `/api/posts?ids=${'9'.repeat(400)}`,
  '/api/posts?ids=1-999999999999999999999',
  '/api/posts?ids=-1',
  '/api/posts?ids=1e3',
  '/api/posts?ids=0x10',
  '/api/posts?ids=1,,2',
  '/api/posts?ids=1&concurrency=1e1',
  '/api/posts/stream?ids=1&mode=%00',
  '/api/compare?ids=1&concurrency=-0',
  'http://x:99999/',
  'http://[::1/',
  'https://',
  '*',
  'x',
  '?ids=1',
  '/..%2f..%2fetc/passwd',
  '/\\\\evil.test/',
  '/api/posts/../../healthz',
  `/${'a/'.repeat(3000)}`,
];

const ALPHABET = [...'/:@%?#[]\\.^|{}"<>\'`+~!$&()*,;=-_0123456789abcxyzAPI', '%00', '%ff', '%2f', '..', '//', 'ids=', '&'];

function randomTarget(next: () => number): string {
  const length = 1 + Math.floor(next() * 40);
  let target = next() < 0.8 ? '/' : '';
  for (let i = 0; i < length; i++) target += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return target;
}

function expectJsonAnswer(response: RawResponse, what: string): void {
  expect(response.status, what).toBeGreaterThanOrEqual(200);
  expect(response.status, what).toBeLessThan(500);
  expect(response.headers['x-content-type-options'], what).toBe('nosniff');
  if (response.status >= 400) {
    expect(response.headers['content-type'], what).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body), what).toEqual({ error: { code: expect.stringMatching(/^E[A-Z]+$/), message: expect.any(String) } });
  }
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

describe('any request target or header gets an answer below 500, and the server keeps serving', () => {
  it('the example that killed the process: //x:99999/ is a 404 like any unknown path', async () => {
    const response = await rawRequest(ctx.url, 'GET //x:99999/ HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'ENOTFOUND' } });
    expect((await getJson(`${ctx.url}/healthz`)).status).toBe(200);
  });

  it('odd and random request targets', async () => {
    const next = random(11);
    const targets = [...ODD_TARGETS, ...Array.from({ length: 300 }, () => randomTarget(next))];
    await inBatches(targets, 10, async (target) => {
      const response = await rawRequest(ctx.url, `GET ${target} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`);
      expectJsonAnswer(response, `GET ${target}`);
    });
    expect((await getJson(`${ctx.url}/api/posts?ids=1`)).body).toMatchObject({ summary: { ok: 1 } });
  });

  it('odd headers and request lines', async () => {
    const requests = [
      'GET /a b HTTP/1.1\r\nHost: a\r\n\r\n',
      'GET /\x00 HTTP/1.1\r\nHost: a\r\n\r\n',
      'GET / HTTP/9.9\r\nHost: a\r\n\r\n',
      'BREW /healthz HTTP/1.1\r\nHost: a\r\n\r\n',
      'GET /healthz HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n\r\n',
      'GET /healthz HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n',
      'GET /healthz HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
      'GET /healthz HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n',
      'GET /healthz HTTP/1.1\r\nHost: a\r\nX-Folded: a\r\n b\r\n\r\n',
      'GET /healthz HTTP/1.1\r\nHost: a\r\nX-Request-Id: \u00ff\u00fe\r\nConnection: close\r\n\r\n',
      'GET /api/posts/stream?ids=1 HTTP/1.1\r\nHost: a\r\nAccept: ;;;,/,*/*;q=abc,text/event-stream;q=2\r\nConnection: close\r\n\r\n',
      'GET /api/posts/stream?ids=1 HTTP/1.1\r\nHost: a\r\nAccept: text/event-stream;q=0.5;q=0\r\nConnection: close\r\n\r\n',
      `GET /healthz HTTP/1.1\r\nHost: a\r\n${'X-A: b\r\n'.repeat(2500)}\r\n`,
      'garbage\r\n\r\n',
    ];
    await inBatches(requests, 5, async (request) => {
      expectJsonAnswer(await rawRequest(ctx.url, request), JSON.stringify(request.slice(0, 120)));
    });
    expect((await getJson(`${ctx.url}/api/posts?ids=1`)).body).toMatchObject({ summary: { ok: 1 } });
  });
});
