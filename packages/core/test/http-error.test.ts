import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanout, HttpError, type FetchResult } from '../src/index.js';
import { collect } from './helpers.js';
import { createServer, type Server } from 'node:http';
import { TRANSPORTS, transportFor } from './faults/fault-helpers.js';

let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json', 'x-request-id': 'abc-123' }).end(JSON.stringify({ error: 'no such post', pad: 'x'.repeat(5000) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe.each(TRANSPORTS)('HttpError (%s)', (transport) => {
  it('says the status, method and URL (password redacted), keeps the headers and a bounded body excerpt', async () => {
    const url = `http://user:s3cret@127.0.0.1:${port}/posts/9999`;
    const [result]: FetchResult[] = await collect(fanout([url], { transport: transportFor(transport) }));
    const error = result && !result.ok ? result.error : undefined;

    expect(error).toBeInstanceOf(HttpError);
    if (!(error instanceof HttpError)) return;
    expect(error.message).toBe(`Request failed with status 404: GET http://user:***@127.0.0.1:${port}/posts/9999`);
    expect(error.headers).toMatchObject({ 'content-type': 'application/json', 'x-request-id': 'abc-123' });
    expect(error.body?.startsWith('{"error":"no such post"')).toBe(true);
    expect(error.body?.length).toBe(1025);
    expect(error.body?.endsWith('…')).toBe(true);
  });
});
