import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { TRANSPORTS, errorOf, transportFor } from '../faults/fault-helpers.js';
import { byIndex, collect } from '../helpers.js';
import { startHttpServer, useServer } from './network-helpers.js';

const LIMIT = 1024 * 1024;
// 64 MiB of zeros, about 64 KiB on the wire: far under the cap compressed, far over it decoded.
const bomb = gzipSync(Buffer.alloc(64 * LIMIT, '0'));
// Just under the cap decoded: accepted.
const fits = gzipSync(Buffer.from(JSON.stringify('0'.repeat(LIMIT - 10))));

const ctx = useServer(() =>
  startHttpServer((req, res) => {
    const body = req.url === '/bomb' ? bomb : fits;
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length }).end(body);
  }),
);

describe.each(TRANSPORTS)('a zip bomb (%s)', (transport) => {
  it('fails with BodyTooLargeError at maxBodyBytes of DECODED bytes, not retried; a body that fits is fine', async () => {
    expect(bomb.length).toBeLessThan(LIMIT / 4);
    const results = byIndex(
      await collect(fanout([`${ctx.server.url}/bomb`, `${ctx.server.url}/fits`], { maxBodyBytes: LIMIT, retry: { limit: 2, backoff: { base: 1 } }, transport: transportFor(transport) })),
    );
    expect(errorOf(results[0])).toEqual({ name: 'BodyTooLargeError', code: 'EBODYTOOLARGE', attempts: 1 });
    expect(results[1]).toMatchObject({ ok: true });
    expect((results[1]?.ok && (results[1].data as string).length) || 0).toBe(LIMIT - 10);
  });
});
