import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

const shas = new Map<string, string>();
/** The scripts each connection has sent as text (Redis runs a connection's commands in order). */
const sentOn = new WeakMap<Redis, Set<string>>();

function shaOf(script: string): string {
  let sha = shas.get(script);
  if (sha === undefined) {
    sha = createHash('sha1').update(script).digest('hex');
    shas.set(script, sha);
  }
  return sha;
}

/**
 * Runs a Lua script: its text (EVAL, which caches it in Redis) the first time a connection runs
 * it, then by its SHA1 (EVALSHA). Commands on one connection run in order, so a fire-and-forget
 * call stays before the calls made after it (a budget announced, then a booking). Should Redis
 * answer NOSCRIPT (it restarted, or SCRIPT FLUSH), the script did not run: it is sent again as
 * text, which never runs it twice (only then may it run after a call made later). Text on every
 * call cost more CPU in this process (writing it) and in Redis (hashing it) than the requests served.
 */
export async function evalScript(redis: Redis, script: string, numberOfKeys: number, ...args: Array<string | number | Buffer>): Promise<unknown> {
  let sent = sentOn.get(redis);
  if (sent === undefined) {
    sent = new Set();
    sentOn.set(redis, sent);
  }
  if (!sent.has(script)) {
    sent.add(script);
    return redis.eval(script, numberOfKeys, ...args);
  }
  try {
    return await redis.evalsha(shaOf(script), numberOfKeys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(script, numberOfKeys, ...args);
  }
}
