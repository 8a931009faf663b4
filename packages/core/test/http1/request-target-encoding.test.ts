import { describe, expect, it } from 'vitest';
import type { TransportRequest } from '../../src/index.js';
import { response, useRawServer } from './raw-server.js';
import { http1, runOne } from './run.js';

// Answers with the request target as the server read it.
const ctx = useRawServer((socket, request) => socket.write(response(request.target)));

/** A bare transport request (the core refuses URLs with whitespace before a transport sees them). */
function get(url: string): TransportRequest {
  return { url, method: 'GET', signal: new AbortController().signal, onAbort: () => () => undefined, maxBodyBytes: 1 << 20, followRedirects: false };
}

describe('http1: the request target', () => {
  it('a path and query with non-ASCII characters are sent percent-encoded (UTF-8)', async () => {
    const result = await runOne(`${ctx.server.url}/café/ünï?q=ä&x=✓`, http1());
    expect(result).toMatchObject({ ok: true, data: '/caf%C3%A9/%C3%BCn%C3%AF?q=%C3%A4&x=%E2%9C%93' });
  });

  it.each([
    ['spaces and a tab', '/a b/c\td?x y', '/a%20b/c%09d?x%20y'],
    ['a path starting with //, which is no host', '//other.test/a b', '//other.test/a%20b'],
    ['dot segments, sent as given', '/a/../b c', '/a/../b%20c'],
    ['escapes already there are kept', '/100%25 sure', '/100%25%20sure'],
    ['CR LF, which would end the request line', '/a\r\nX-Injected: 1', '/a%0D%0AX-Injected:%201'],
    ['a DEL and a fragment', '/x\u007fy#frag', '/x%7Fy'],
  ])('%s: %j is sent as %j', async (_name, path, target) => {
    const response = await http1().send(get(`${ctx.server.url}${path}`));
    expect(response.body).toBe(target);
  });
});
