import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ndjson, startCli } from './run-cli.js';

const preload = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('the CLI under the platform’s mocking tools (FANOUT_TRANSPORT, the global dispatcher)', () => {
  it('FANOUT_TRANSPORT=axios with a nock preload: the request is answered by nock', async () => {
    const run = await startCli(['--output', 'ndjson', '--no-progress', 'http://api.test/posts/1'], { env: { FANOUT_TRANSPORT: 'axios' }, nodeArgs: ['--import', preload('nock-preload.mjs')] }).done;
    expect(run.code).toBe(0);
    expect(ndjson(run.stdout)).toMatchObject([{ ok: true, status: 200, data: { id: 1, from: 'nock' } }]);
  }, 30_000);

  it('the default transport with a MockAgent set as global dispatcher: answered by the MockAgent', async () => {
    const run = await startCli(['--output', 'ndjson', '--no-progress', 'http://api.test/posts/1'], { nodeArgs: ['--import', preload('mock-agent-preload.mjs')] }).done;
    expect(run.code).toBe(0);
    expect(ndjson(run.stdout)).toMatchObject([{ ok: true, status: 200, data: { id: 1, from: 'MockAgent' } }]);
  }, 30_000);

  it('an unknown FANOUT_TRANSPORT is a usage error (exit 2) that names the variable', async () => {
    const run = await startCli(['http://127.0.0.1:1/'], { env: { FANOUT_TRANSPORT: 'curl' } }).done;
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("value 'curl' from env 'FANOUT_TRANSPORT' is invalid. Allowed choices are http1, undici, axios.");
  }, 30_000);
});
