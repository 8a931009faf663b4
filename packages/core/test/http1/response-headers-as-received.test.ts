import { describe, expect, it } from 'vitest';
import { HttpError, createTransport, http1Transport, type Transport } from '../../src/index.js';
import { response, useRawServer } from './raw-server.js';
import { runOne } from './run.js';

// Names in any case, a repeated header, whitespace before values, an empty value, a Retry-After
// (looked up by name) and a `__proto__` (never set on the record).
const ctx = useRawServer((socket) => {
  socket.write(
    response('teapot', ['X-Dup: one', 'CONTENT-TYPE:   text/plain', 'x-dup:two', 'Empty:', 'Retry-After: 7', '__proto__: x', 'X-Latin: caf\xe9'], '418 I\'m a teapot'),
    'latin1',
  );
});

const TRANSPORTS: readonly (readonly [name: string, make: () => Transport])[] = [
  ['http1', () => http1Transport()],
  ['undici', () => createTransport('undici')],
];

describe.each(TRANSPORTS)('response headers as received (%s)', (_, make) => {
  it('are all there by lower-case name, repeated ones joined, leading whitespace dropped; looked up by name alike', async () => {
    const transport = make();
    try {
      const result = await runOne(`${ctx.server.url}/`, transport, { retry: { limit: 0, maxRetryAfter: 60_000 } });
      if (result.ok || !(result.error instanceof HttpError)) throw new Error(`expected an HttpError, got ${JSON.stringify(result)}`);
      expect(result.status).toBe(418);
      expect({ ...result.error.headers }).toEqual({
        'content-length': '6',
        'x-dup': 'one, two',
        'content-type': 'text/plain',
        empty: '',
        'retry-after': '7',
        'x-latin': 'café',
      });
      expect(result.error.retryAfterMs).toBe(7000);
      expect(result.error.body).toBe('teapot');
    } finally {
      await transport.close();
    }
  });
});
