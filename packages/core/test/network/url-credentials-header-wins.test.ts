import { describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { TRANSPORTS, transportFor } from '../faults/fault-helpers.js';
import { collect } from '../helpers.js';
import { echo, startHttpServer, useServer, type Echo } from './network-helpers.js';

const ctx = useServer(() => startHttpServer(echo));

describe.each(TRANSPORTS)("a URL's credentials next to an Authorization header (%s)", (transport) => {
  it('the header given wins, and the result keeps the URL as given', async () => {
    const url = `${ctx.server.url.replace('http://', 'http://alice:secret@')}/me`;
    const input = { url, headers: { Authorization: 'Bearer t0ken' } };
    const [result] = await collect(fanout([input], { transport: transportFor(transport), retry: 0 }));
    if (!result?.ok) throw new Error(`request failed: ${JSON.stringify(result)}`);
    expect((result.data as Echo).headers.authorization).toBe('Bearer t0ken');
    expect(result.url).toBe(url);
  });
});
