import { describe, expect, it } from 'vitest';
import type { RequestInput } from '../../src/index.js';
import { response, useRawServer } from './raw-server.js';
import { http1, runOne } from './run.js';

const ctx = useRawServer((socket) => socket.write(response('ok')));

describe('http1: request bodies', () => {
  it.each<[string, RequestInput, string | undefined, string]>([
    ['a POST with a string body sends its UTF-8 bytes', { url: '/', method: 'POST', body: 'héllo ✓' }, '10', '68c3a96c6c6f20e29c93'],
    ['a POST with a Uint8Array body sends its bytes', { url: '/', method: 'POST', body: new Uint8Array([0, 1, 13, 10, 255]) }, '5', '00010d0aff'],
    ['a PUT with a Uint8Array view sends the view only', { url: '/', method: 'PUT', body: new Uint8Array([9, 8, 7, 6, 5]).subarray(1, 3) }, '2', '0807'],
    ['a POST without a body sends Content-Length: 0', { url: '/', method: 'POST' }, '0', ''],
    ['a PATCH with an empty string sends Content-Length: 0', { url: '/', method: 'PATCH', body: '' }, '0', ''],
    ['a GET without a body sends no Content-Length', { url: '/', method: 'GET' }, undefined, ''],
    ['a DELETE without a body sends no Content-Length', { url: '/', method: 'DELETE' }, undefined, ''],
  ])('%s', async (_name, input, contentLength, hex) => {
    const spec = input as { url: string };
    const result = await runOne({ ...spec, url: `${ctx.server.url}${spec.url}` }, http1());

    expect(result).toMatchObject({ ok: true, data: 'ok' });
    const [request] = ctx.server.requests;
    expect(request?.headers['content-length']).toBe(contentLength);
    expect(request?.headers['transfer-encoding']).toBeUndefined();
    expect(request?.body.toString('hex')).toBe(hex);
  });

  it('a caller cannot set the framing headers: its Content-Length, Transfer-Encoding and Connection are dropped', async () => {
    const headers = { 'Content-Length': '999', 'Transfer-Encoding': 'chunked', Connection: 'close', 'X-Kept': 'yes' };
    const result = await runOne({ url: `${ctx.server.url}/`, method: 'POST', body: 'abc', headers }, http1());

    expect(result).toMatchObject({ ok: true });
    const [request] = ctx.server.requests;
    expect(request?.head).toMatch(/\r\ncontent-length: 3(\r\n|$)/);
    expect(request?.head).not.toMatch(/content-length: 999|transfer-encoding|connection/i);
    expect(request?.headers['x-kept']).toBe('yes');
    expect(request?.body.toString()).toBe('abc');
  });
});
