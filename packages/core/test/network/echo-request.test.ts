import { describe, expect, it } from 'vitest';
import { fanout, type FetchResult } from '../../src/index.js';
import { TRANSPORTS, transportFor } from '../faults/fault-helpers.js';
import { byIndex, collect } from '../helpers.js';
import { echo, startHttpServer, useServer, type Echo } from './network-helpers.js';

const ctx = useServer(() => startHttpServer(echo));

function seen(result: FetchResult | undefined): Echo {
  if (!result?.ok) throw new Error(`request failed: ${JSON.stringify(result)}`);
  return result.data as Echo;
}

describe.each(TRANSPORTS)('the request as sent (%s)', (transport) => {
  it('carries the method, headers, auth header and body (text and binary) exactly', async () => {
    const bytes = new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x00, 0xff, 0x10, 0x20]);
    const results = byIndex(
      await collect(
        fanout(
          [
            { url: `${ctx.server.url}/items?x=1&y=%20`, method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-Trace': 'abc' }, body: '{"name":"été"}' },
            // A view into a larger buffer: only its own bytes are sent.
            { url: `${ctx.server.url}/blob`, method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: bytes.subarray(2, 6) },
            { url: `${ctx.server.url}/me`, method: 'DELETE' },
          ],
          { transport: transportFor(transport), headers: { authorization: 'Bearer s3cret' }, retry: 0 },
        ),
      ),
    );
    const [put, post, del] = results.map(seen);
    expect(put).toMatchObject({ method: 'PUT', url: '/items?x=1&y=%20', headers: { 'content-type': 'application/json', 'x-trace': 'abc', authorization: 'Bearer s3cret' } });
    expect(Buffer.from(put?.body ?? '', 'base64').toString('utf8')).toBe('{"name":"été"}');
    expect(put?.headers['content-length']).toBe(String(Buffer.byteLength('{"name":"été"}')));
    expect(post).toMatchObject({ method: 'POST', url: '/blob', headers: { 'content-type': 'application/octet-stream', 'content-length': '4' } });
    expect([...Buffer.from(post?.body ?? '', 'base64')]).toEqual([0xbe, 0xef, 0x00, 0xff]);
    expect(del).toMatchObject({ method: 'DELETE', url: '/me', body: '', headers: { authorization: 'Bearer s3cret' } });
    expect(put?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });
});
