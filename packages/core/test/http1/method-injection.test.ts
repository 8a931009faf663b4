import { describe, expect, it } from 'vitest';
import type { HttpMethod } from '../../src/index.js';
import { response, useRawServer } from './raw-server.js';
import { errorOf, http1, runOne } from './run.js';

const ctx = useRawServer((socket) => socket.write(response('ok')));

describe('http1: a request method that is not a token (from JavaScript or an input file, past the types)', () => {
  it.each(['GET /admin HTTP/1.1\r\nX-Injected: 1\r\n\r\nGET', 'GET ', 'PO ST', ''])('%j fails with a typed error, and nothing reaches the server', async (method) => {
    const transport = http1();
    const result = await runOne({ url: `${ctx.server.url}/x`, method: method as HttpMethod }, transport);

    expect(errorOf(result)).toEqual({ name: 'NetworkError', code: 'ERR_INVALID_HTTP_TOKEN' });
    expect(ctx.server.connections).toBe(0);
    expect(await runOne({ url: `${ctx.server.url}/y`, method: 'PURGE' as HttpMethod }, transport)).toMatchObject({ ok: true });
    expect(ctx.server.requests.map((request) => `${request.method} ${request.target}`)).toEqual(['PURGE /y']);
  });
});
