import { describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { TRANSPORTS, transportFor } from '../faults/fault-helpers.js';
import { byIndex, collect } from '../helpers.js';
import { startHttpServer, useServer } from './network-helpers.js';

// Headers of a 50 MB body, with or without a content coding; a HEAD answer has no body.
const ctx = useServer(() =>
  startHttpServer((req, res) => {
    const encoding = req.url === '/gzip' ? { 'content-encoding': 'gzip' } : {};
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '50000000', ...encoding }).end();
  }),
);

describe.each(TRANSPORTS)('HEAD (%s)', (transport) => {
  it('succeeds with no body, whatever content-length and content-encoding announce', async () => {
    const inputs = ['/plain', '/gzip'].map((path) => ({ url: `${ctx.server.url}${path}`, method: 'HEAD' as const }));
    const results = byIndex(await collect(fanout(inputs, { maxBodyBytes: 1000, transport: transportFor(transport) })));
    expect(results.map((r) => ({ ok: r.ok, status: r.status, data: r.ok ? r.data : r.error.code }))).toEqual([
      { ok: true, status: 200, data: null },
      { ok: true, status: 200, data: null },
    ]);
  });
});
