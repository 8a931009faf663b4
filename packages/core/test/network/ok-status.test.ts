import { describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { collect } from '../helpers.js';
import { startHttpServer, useServer } from './network-helpers.js';

// /404 and /503 answer that status with a JSON body; counts at the server show retries.
const ctx = useServer(() =>
  startHttpServer((req, res) => {
    const status = Number(req.url?.slice(1)) || 200;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status }));
  }),
);

describe('okStatus', () => {
  it('makes the statuses it accepts ok results with their body as data, never retried', async () => {
    const before = ctx.server.requests;
    const okStatus = (status: number) => (status >= 200 && status <= 299) || status === 404 || status === 503;
    const results = await collect(fanout([`${ctx.server.url}/404`, `${ctx.server.url}/503`, `${ctx.server.url}/200`], { okStatus, ordered: true, retry: 3 }));
    expect(results.map((r) => [r.ok, r.status, r.ok ? r.data : r.error.code])).toEqual([
      [true, 404, { status: 404 }],
      [true, 503, { status: 503 }],
      [true, 200, { status: 200 }],
    ]);
    expect(ctx.server.requests - before).toBe(3);
  });

  it('by default, a status outside 2xx is an HttpError (and a 503 is retried)', async () => {
    const before = ctx.server.requests;
    const results = await collect(fanout([`${ctx.server.url}/404`, `${ctx.server.url}/503`], { ordered: true, retry: { limit: 1, backoff: { base: 1 } } }));
    expect(results.map((r) => [r.ok, r.status, r.ok ? undefined : r.error.code])).toEqual([
      [false, 404, 'EHTTP'],
      [false, 503, 'EHTTP'],
    ]);
    expect(ctx.server.requests - before).toBe(3);
  });

  it('can turn a 2xx into a failure too', async () => {
    const [result] = await collect(fanout([`${ctx.server.url}/200`], { okStatus: (status) => status === 204, retry: 0 }));
    expect(result?.ok).toBe(false);
    expect(result?.status).toBe(200);
  });
});
