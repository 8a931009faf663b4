import { Redis } from 'ioredis';
import { QueueUnavailableError, QueueUrlError } from './errors.js';

/** A parsed `redis://HOST:PORT/DB` queue URL. */
export interface QueueUrl {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly db: number;
}

/** Validates `redis://HOST[:PORT][/DB]` (also `rediss://`); throws `QueueUrlError` with the reason. */
export function parseQueueUrl(text: string): QueueUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new QueueUrlError(`queue URL "${text}" is not a URL`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new QueueUrlError(`queue URL "${text}" is not a redis:// or rediss:// URL`);
  if (url.hostname === '') throw new QueueUrlError(`queue URL "${text}" has no host`);
  const db = url.pathname === '' || url.pathname === '/' ? 0 : Number(url.pathname.slice(1));
  if (!Number.isInteger(db) || db < 0) throw new QueueUrlError(`queue URL "${text}" has a bad database number "${url.pathname.slice(1)}"`);
  return { url: text, host: url.hostname, port: url.port === '' ? 6379 : Number(url.port), db };
}

/** Job names become Redis keys and BullMQ job ids: keep them plain. */
export function checkJobName(name: string): string {
  if (!/^[\w.-]{1,100}$/.test(name)) throw new QueueUrlError(`job name "${name}" must be 1-100 letters, digits, '.', '_' or '-'`);
  return name;
}

/**
 * Connects to Redis (BullMQ needs `maxRetriesPerRequest: null`) and checks it answers, within
 * `timeoutMs`; throws `QueueUnavailableError` naming the URL and the cause. With `autoPipelining`,
 * the commands issued in one tick leave in one write (same order, same replies): for a connection
 * many requests in flight share, never for BullMQ's blocking one.
 */
export async function openRedis(queue: QueueUrl, timeoutMs = 3000, autoPipelining = false): Promise<Redis> {
  const redis = new Redis(queue.url, { maxRetriesPerRequest: null, lazyConnect: true, connectTimeout: timeoutMs, retryStrategy: () => null, enableAutoPipelining: autoPipelining });
  let lastError: NodeJS.ErrnoException | undefined;
  redis.on('error', (error: NodeJS.ErrnoException) => (lastError = error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const cause = lastError?.code ?? (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new QueueUnavailableError(`cannot reach the queue at ${queue.url} (${cause})`);
  }
  // From here on, reconnect after a blip instead of failing.
  redis.options.retryStrategy = (times: number) => Math.min(times * 200, 2000);
  return redis;
}
