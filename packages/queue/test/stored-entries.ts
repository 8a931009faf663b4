import type { Redis } from 'ioredis';

/** Each stored index of a job's stream with the id of its entry (an entry holds the indexes stored together). */
export async function storedEntries(redis: Redis, key: string): Promise<Array<readonly [number, string]>> {
  return (await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => (fields[1] ?? '').split(',').map((index) => [Number(index), id] as const));
}
