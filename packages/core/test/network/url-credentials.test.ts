import { describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { TRANSPORTS, transportFor } from '../faults/fault-helpers.js';
import { collect } from '../helpers.js';
import { echo, startHttpServer, useServer, type Echo } from './network-helpers.js';

const ctx = useServer(() => startHttpServer(echo));

// README (The CLI): "Secrets (-u, --oauth2-bearer, -H values, a URL's password) are sent, never
// shown". A URL's `user:password@` is sent as curl sends it: `Authorization: Basic`, decoded
// from the URL's percent-encoding; the request line and Host carry no userinfo.
describe.each(TRANSPORTS)("a URL's user and password (%s)", (transport) => {
  it('are sent as Basic authorization', async () => {
    const url = `${ctx.server.url.replace('http://', 'http://alice:s%40cret@')}/me`;
    const [result] = await collect(fanout([url], { transport: transportFor(transport), retry: 0 }));
    if (!result?.ok) throw new Error(`request failed: ${JSON.stringify(result)}`);
    const seen = result.data as Echo;
    expect(seen.url).toBe('/me');
    expect(seen.headers.host).toBe(`127.0.0.1:${ctx.server.port}`);
    expect(seen.headers.authorization).toBe(`Basic ${Buffer.from('alice:s@cret').toString('base64')}`);
  });
});
