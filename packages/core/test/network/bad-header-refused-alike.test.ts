import { describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { TRANSPORTS, errorOf, transportFor } from '../faults/fault-helpers.js';
import { collect } from '../helpers.js';
import { echo, startHttpServer, useServer } from './network-helpers.js';

let requests = 0;
const ctx = useServer(() =>
  startHttpServer((req, res, body) => {
    requests++;
    echo(req, res, body);
  }),
);

describe.each(TRANSPORTS)('a request header that could smuggle another (%s)', (transport) => {
  it.each([
    ['a CR LF in a value', { 'X-A': 'b\r\nX-Injected: 1' }],
    ['a NUL in a value', { 'X-A': 'b\u0000c' }],
    ['a name that is not a token', { 'X A': 'b' }],
  ])('%s: the request fails with ERR_INVALID_CHAR before it is sent, on every transport', async (_name, headers) => {
    requests = 0;
    const [result] = await collect(fanout([{ url: `${ctx.server.url}/x`, headers }], { transport: transportFor(transport), retry: 0 }));
    expect(errorOf(result)).toEqual({ name: 'NetworkError', code: 'ERR_INVALID_CHAR', attempts: 0 });
    expect(requests).toBe(0);
  });

  it('a run-wide header with a CR LF fails every request the same way', async () => {
    requests = 0;
    const results = await collect(fanout([`${ctx.server.url}/a`, `${ctx.server.url}/b`], { headers: { 'X-A': 'b\nc' }, transport: transportFor(transport), retry: 0 }));
    expect(results.map((result) => errorOf(result)?.code)).toEqual(['ERR_INVALID_CHAR', 'ERR_INVALID_CHAR']);
    expect(requests).toBe(0);
  });
});
