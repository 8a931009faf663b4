import { expect, it, vi } from 'vitest';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();

/** The lease class as a process of its own loads it (its module state fresh). */
async function leasesOfAnotherProcess(): Promise<typeof import('../src/redis-host-leases.js').RedisHostLeases> {
  vi.resetModules();
  return (await import('../src/redis-host-leases.js')).RedisHostLeases;
}

it('two workers with one name (same hostname and pid: containers with --network host, node as pid 1) hold the per-host limit together', async () => {
  const key = () => 'fanout:job:namesakes:leases:h:1';
  const InA = await leasesOfAnotherProcess();
  const InB = await leasesOfAnotherProcess();
  const a = new InA(redis.a, key, 'box-1', 60_000);
  const b = new InB(redis.b, key, 'box-1', 60_000);
  try {
    await a.acquire('h:1', 2, AbortSignal.timeout(10_000));
    await b.acquire('h:1', 2, AbortSignal.timeout(10_000));
    // Two requests in flight, two leases: a third (either worker's) must wait.
    expect(await redis.a.zcard(key())).toBe(2);
    await expect(a.acquire('h:1', 2, AbortSignal.timeout(300))).rejects.toThrow();
  } finally {
    a.close();
    b.close();
  }
});
