import { describe, expect, it } from 'vitest';
import { fanout, serializeResult, type FetchResult } from '../../src/index.js';
import { TRANSPORTS, transportFor } from '../faults/fault-helpers.js';
import { collect } from '../helpers.js';
import { echo, startHttpServer, useServer } from './network-helpers.js';

const ctx = useServer(() => startHttpServer(echo));

// README (The CLI): "Secrets (-u, --oauth2-bearer, -H values, a URL's password) are sent, never
// shown: not in results, errors, ...". A header value with a CR or LF in it (a request spec line
// of --file, or a library caller's headers) is refused; the result that says so must not carry
// the value, which for Authorization is the secret, into the NDJSON line, the journal, Redis or
// the app's log.
describe.each(TRANSPORTS)('a header value with CR/LF in it (%s)', (transport) => {
  it('is refused before anything is sent (ERR_INVALID_CHAR, naming the header), and its value is never shown', async () => {
    const secret = 's3cret-token-7f3a';
    const before = ctx.server.requests;
    const results = await collect(
      fanout([{ url: `${ctx.server.url}/x`, headers: { Authorization: `Bearer ${secret}\r\nX-Evil: 1` } }], { transport: transportFor(transport), retry: 0 }),
    );
    expect(results).toHaveLength(1);
    const [result] = results as [FetchResult];
    if (result.ok) expect.fail(`the header was sent: ${JSON.stringify(serializeResult(result))}`);
    expect(result.error).toMatchObject({ name: 'NetworkError', code: 'ERR_INVALID_CHAR', message: expect.stringContaining('"Authorization"') });
    expect(result.attempts).toBe(0);
    expect(ctx.server.requests - before).toBe(0);
    const line = JSON.stringify(serializeResult(result));
    expect(line).toContain('ERR_INVALID_CHAR');
    expect(line).not.toContain(secret);
  });
});
