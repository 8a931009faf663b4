import { jobStatus, openRedis, parseQueueUrl } from '@fanout/queue';
import { describe, expect, it } from 'vitest';
import { useRedisServer } from './redis-server.js';
import { useEchoServer } from './echo-server.js';
import { ndjson, runCli, startCli } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const SECRET = 'worker-only-secret-42';
const echo = useEchoServer();
const redis = useRedisServer();

/** Every key and value in Redis (SCAN, then a read for each key's type), as one string. */
async function redisDump(url: string): Promise<string> {
  const client = await openRedis(parseQueueUrl(url));
  const read = async (key: string): Promise<unknown> => {
    const type = await client.type(key);
    if (type === 'hash') return client.hgetall(key);
    if (type === 'string') return client.get(key);
    if (type === 'list') return client.lrange(key, 0, -1);
    if (type === 'zset') return client.zrange(key, 0, -1, 'WITHSCORES');
    if (type === 'set') return client.smembers(key);
    if (type === 'stream') return client.xrange(key, '-', '+');
    throw new Error(`key ${key} has a type the dump does not read: ${type}`);
  };
  try {
    const parts: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) parts.push(key, JSON.stringify(await read(key)));
    } while (cursor !== '0');
    expect(parts.length).toBeGreaterThan(10);
    return parts.join('\n');
  } finally {
    client.disconnect();
  }
}

async function untilComplete(job: string) {
  for (let i = 0; i < 300; i++) {
    const s = await jobStatus(redis.url, job);
    if (s.state === 'complete') return s;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return jobStatus(redis.url, job);
}

describe('enqueue takes the request flags, worker the credentials', () => {
  it('method, body and specs travel with the job; the worker adds -H @FILE; no secret reaches Redis', async () => {
    const u = echo.server.url;
    const file = tmpFile('specs.ndjson', `${u}/plain\n${JSON.stringify({ url: `${u}/spec`, method: 'PUT', body: { n: 1 } })}\n`);
    const enqueued = await runCli(['enqueue', '--queue', redis.url, '--job', 'req-test', '--file', file, '--json', '{"draft":true}', '-H', 'X-Team: blue']);
    expect(enqueued.code).toBe(0);
    const auth = tmpFile('auth.txt', `Authorization: Bearer ${SECRET}\n`);
    const worker = startCli(['worker', '--queue', redis.url, '-H', `@${auth}`]);
    const status = await untilComplete('req-test');
    worker.child.kill('SIGTERM');
    const { code, stderr } = await worker.done;
    expect(status.state).toBe('complete');
    expect(code).toBe(0);
    expect(stderr).not.toContain(SECRET);

    const got = new Map(echo.server.received.map((r) => [r.path, r]));
    expect(got.get('/plain')).toMatchObject({ method: 'POST', body: '{"draft":true}', headers: { authorization: `Bearer ${SECRET}`, 'x-team': 'blue', 'content-type': 'application/json' } });
    expect(got.get('/spec')).toMatchObject({ method: 'PUT', body: '{"n":1}', headers: { authorization: `Bearer ${SECRET}` } });
    const results = await runCli(['results', '--queue', redis.url, '--job', 'req-test']);
    expect(ndjson(results.stdout).map((l) => l.ok)).toEqual([true, true]);
    expect(await redisDump(redis.url)).not.toContain(SECRET);
  }, 60_000);

  it.each([
    [['-u', `alice:${SECRET}`], `Basic ${Buffer.from(`alice:${SECRET}`).toString('base64')}`],
    [['--oauth2-bearer', SECRET], `Bearer ${SECRET}`],
  ])('the worker adds %j itself; neither the secret nor its encoding reaches Redis', async (flags, authorization) => {
    const job = `auth-${flags[0]?.replace(/\W/g, '')}`;
    const path = `/${job}`;
    expect((await runCli(['enqueue', '--queue', redis.url, '--job', job, `${echo.server.url}${path}`])).code).toBe(0);
    const worker = startCli(['worker', '--queue', redis.url, ...flags]);
    const status = await untilComplete(job);
    worker.child.kill('SIGTERM');
    await worker.done;
    expect(status.state).toBe('complete');
    expect(echo.server.received.find((r) => r.path === path)?.headers.authorization).toBe(authorization);
    const dump = await redisDump(redis.url);
    expect(dump).not.toContain(SECRET);
    expect(dump).not.toContain(authorization);
  }, 60_000);

  it('enqueue refuses a credential header: it would be stored in Redis', async () => {
    const { code, stderr } = await runCli(['enqueue', '--queue', redis.url, '--job', 'secret-test', `${echo.server.url}/x`, '-H', `Authorization: Bearer ${SECRET}`]);
    expect(code).toBe(2);
    expect(stderr).toContain('-H authorization would be stored in Redis');
    expect(stderr).not.toContain(SECRET);
  });

  it('a bad spec line stops enqueue with a runtime failure (exit 1, not 2) that names the line', async () => {
    const file = tmpFile('bad.ndjson', `${echo.server.url}/a\n{"url": oops}\n`);
    const { code, stderr } = await runCli(['enqueue', '--queue', redis.url, '--job', 'bad-line', '--file', file]);
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^fanout: line 2 of .*bad\.ndjson: not valid JSON( \(at column \d+\))?; nothing after it was enqueued$/);
  });
});
