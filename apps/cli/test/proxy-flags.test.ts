import { describe, expect, it } from 'vitest';
// The transports' own test servers (a real forward proxy that counts what it relays).
import { echo, startHttpServer, useProxy, useServer } from '../../../packages/core/test/network/network-helpers.js';
import { ndjson, runCli } from './run-cli.js';

const target = useServer(() => startHttpServer(echo));
const forward = useProxy();

describe('-x/--proxy and --noproxy', () => {
  it('-x sends every request through the proxy; --noproxy lets a host bypass it', async () => {
    forward.proxy.reset();
    const url = `${target.server.url}/via-proxy`;
    const proxied = await runCli([url, '-x', forward.proxy.url, '-o', 'ndjson'], { env: { HTTP_PROXY: undefined, http_proxy: undefined, NO_PROXY: undefined, no_proxy: undefined } });
    expect(proxied.code).toBe(0);
    expect(ndjson(proxied.stdout)[0]).toMatchObject({ ok: true, status: 200 });
    expect(forward.proxy.forwarded).toEqual([url]);

    const direct = await runCli([url, '-x', forward.proxy.url, '--noproxy', '127.0.0.1', '-o', 'ndjson']);
    expect(direct.code).toBe(0);
    expect(forward.proxy.forwarded).toHaveLength(1);
  });

  it('HTTP_PROXY from the environment is honoured', async () => {
    forward.proxy.reset();
    const url = `${target.server.url}/via-env`;
    const run = await runCli([url, '-o', 'ndjson', '--transport', 'axios'], { env: { HTTP_PROXY: forward.proxy.url, http_proxy: undefined, NO_PROXY: undefined, no_proxy: undefined } });
    expect(run.code).toBe(0);
    expect(forward.proxy.forwarded).toEqual([url]);
  });
});
