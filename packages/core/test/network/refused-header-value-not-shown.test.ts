import { describe, expect, it } from 'vitest';
import { fanout, serializeResult } from '../../src/index.js';
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
  it('is never shown in the result, whatever the transport does with it', async () => {
    const secret = 's3cret-token-7f3a';
    const [result] = await collect(
      fanout([{ url: `${ctx.server.url}/x`, headers: { Authorization: `Bearer ${secret}\r\nX-Evil: 1` } }], { transport: transportFor(transport), retry: 0 }),
    );
    expect(result).toBeDefined();
    if (result && !result.ok) expect(result.error.code).toMatch(/^[A-Z_]+$/);
    const line = JSON.stringify(serializeResult(result as NonNullable<typeof result>));
    const shown = result?.ok ? line.replace(JSON.stringify(result.data), '') : line;
    expect(shown).not.toContain(secret);
  });
});
