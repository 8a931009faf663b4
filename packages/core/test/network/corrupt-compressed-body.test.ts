import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { TRANSPORTS, errorOf, transportFor } from '../faults/fault-helpers.js';
import { byIndex, collect } from '../helpers.js';
import { startHttpServer, useServer } from './network-helpers.js';

const good = gzipSync(Buffer.from(JSON.stringify({ ok: 1 })));
const BODIES: Record<string, Buffer> = {
  '/garbage': Buffer.from('this is not gzip at all, not even close'),
  // A gzip stream cut in half, sent as a complete response (its content-length says so).
  '/cut': good.subarray(0, Math.floor(good.length / 2)),
  '/good': good,
};

const ctx = useServer(() =>
  startHttpServer((req, res) => {
    const body = BODIES[req.url ?? ''] ?? good;
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length }).end(body);
  }),
);

describe.each(TRANSPORTS)('a corrupt compressed body (%s)', (transport) => {
  it('is a NetworkError with zlib’s code, not retried; the process and the neighbours are fine', async () => {
    const before = ctx.server.requests;
    const urls = ['/garbage', '/cut', '/good'].map((path) => `${ctx.server.url}${path}`);
    const results = byIndex(await collect(fanout(urls, { retry: { limit: 2, backoff: { base: 1 } }, transport: transportFor(transport) })));
    expect(errorOf(results[0])).toEqual({ name: 'NetworkError', code: 'Z_DATA_ERROR', attempts: 1 });
    expect(errorOf(results[1])).toEqual({ name: 'NetworkError', code: 'Z_BUF_ERROR', attempts: 1 });
    expect(results[2]).toMatchObject({ ok: true, data: { ok: 1 } });
    expect(ctx.server.requests - before).toBe(3);
  });
});
