import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { TRANSPORTS, transportFor } from '../faults/fault-helpers.js';
import { byIndex, collect } from '../helpers.js';
import { startHttpServer, useServer } from './network-helpers.js';

const POST = { id: 1, title: 'ünïcödé tïtle', body: 'x'.repeat(5000) };
const json = Buffer.from(JSON.stringify(POST));
const ENCODED: Record<string, [string, Buffer]> = {
  '/gzip': ['gzip', gzipSync(json)],
  '/deflate': ['deflate', deflateSync(json)],
  '/deflate-raw': ['deflate', deflateRawSync(json)],
  '/br': ['br', brotliCompressSync(json)],
  '/gzip-then-br': ['gzip, br', brotliCompressSync(gzipSync(json))],
};

const ctx = useServer(() =>
  startHttpServer((req, res) => {
    if (req.url === '/accept-encoding') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ acceptEncoding: req.headers['accept-encoding'] }));
      return;
    }
    const [encoding, body] = ENCODED[req.url ?? ''] ?? ['identity', json];
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding, 'content-length': body.length }).end(body);
  }),
);

describe.each(TRANSPORTS)('compressed responses (%s)', (transport) => {
  it('gzip, deflate (zlib and raw), br and a chain of two are decoded to the same JSON', async () => {
    const paths = Object.keys(ENCODED);
    const results = byIndex(await collect(fanout(paths.map((path) => `${ctx.server.url}${path}`), { transport: transportFor(transport) })));
    expect(results.map((r) => r.ok && r.data)).toEqual(paths.map(() => POST));
  });

  it('a caller-set Accept-Encoding is sent instead of the default', async () => {
    const [result] = await collect(fanout([`${ctx.server.url}/accept-encoding`], { headers: { 'Accept-Encoding': 'identity' }, transport: transportFor(transport) }));
    expect(result).toMatchObject({ ok: true, data: { acceptEncoding: 'identity' } });
  });
});
