import { openRedis, parseQueueUrl } from '@fanout/queue';
import { describe, expect, it } from 'vitest';
import { useRedisServer } from './redis-server.js';
import { runCli } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const SECRET = 'hunter2-never-in-redis';
const redis = useRedisServer();

/** The keys of fanout's jobs (BullMQ's own queue keys aside). */
async function keysInRedis(): Promise<string[]> {
  const client = await openRedis(parseQueueUrl(redis.url));
  try {
    return (await client.keys('*')).filter((key) => key.startsWith('fanout:job'));
  } finally {
    client.disconnect();
  }
}

describe('enqueue refuses credentials, which it would store in Redis', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['URL userinfo', [`http://user:${SECRET}@127.0.0.1:9/x`], /a URL argument: URL userinfo \(a user name or password before the host\) would be stored in Redis/i],
    ['-H X-Auth-Token', ['http://127.0.0.1:9/x', '-H', `X-Auth-Token: ${SECRET}`], /-H X-Auth-Token would be stored in Redis/i],
    ['-H Cookie', ['http://127.0.0.1:9/x', '-H', `Cookie: s=${SECRET}`], /-H cookie would be stored in Redis/i],
    ['-H X-Api-Key', ['http://127.0.0.1:9/x', '-H', `X-Api-Key: ${SECRET}`], /-H x-api-key would be stored in Redis/i],
    ['-H X-Client-Secret', ['http://127.0.0.1:9/x', '-H', `X-Client-Secret: ${SECRET}`], /-H x-client-secret would be stored in Redis/i],
    ['a spec line with Authorization', ['--file', tmpFile('a.ndjson', `http://127.0.0.1:9/ok\n{"url":"http://127.0.0.1:9/x","headers":{"Authorization":"Bearer ${SECRET}"}}\n`)], /line 2 of .*: header Authorization would be stored in Redis/i],
    ['a spec line with X-Auth-Token', ['--file', tmpFile('b.ndjson', `{"url":"http://127.0.0.1:9/x","headers":{"X-Auth-Token":"${SECRET}"}}\n`)], /line 1 of .*: header X-Auth-Token would be stored in Redis/i],
    ['a spec line with a URL password', ['--file', tmpFile('c.ndjson', `{"url":"http://u:${SECRET}@127.0.0.1:9/x"}\n`)], /line 1 of .*: URL userinfo/i],
  ];
  for (const [what, args, message] of cases) {
    it(`${what}: exit 2, says to give them to worker, stores nothing`, async () => {
      const { code, stderr } = await runCli(['enqueue', '--queue', redis.url, '--job', 'creds', ...args]);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).toContain('Give credentials to the workers: fanout worker -H @FILE');
      expect(stderr).not.toContain(SECRET);
      expect(await keysInRedis()).toEqual([]);
    });
  }

  it('a header that carries none (Accept, X-Request-Id) is enqueued', async () => {
    const { code } = await runCli(['enqueue', '--queue', redis.url, '--job', 'plain', 'http://127.0.0.1:9/x', '-H', 'Accept: application/json', '-H', 'X-Request-Id: 7']);
    expect(code).toBe(0);
  });
});
