import { describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { collect } from '../helpers.js';
import { echo, startHttpServer, useServer, type Echo } from './network-helpers.js';

const ctx = useServer(() => startHttpServer(echo));

describe('the default transport', () => {
  it('is fanout’s own HTTP/1.1 client: no axios user-agent, the URL’s host, accept-encoding the shared default', async () => {
    const [result] = await collect(fanout([`${ctx.server.url}/who`]));
    const seen = result?.ok ? (result.data as Echo).headers : {};
    expect(seen['user-agent'] ?? '').not.toMatch(/axios/);
    expect(seen['accept-encoding']).toBe('gzip, deflate, br');
    expect(seen.host).toBe(new URL(ctx.server.url).host);
  });
});
