import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

const shas = new Map<string, string>();

function shaOf(script: string): string {
  let sha = shas.get(script);
  if (sha === undefined) {
    sha = createHash('sha1').update(script).digest('hex');
    shas.set(script, sha);
  }
  return sha;
}

/**
 * Runs a Lua script by its SHA1 (EVALSHA), sending its text (EVAL, which also caches it in Redis)
 * only when Redis answers NOSCRIPT: the first call, or after a restart or SCRIPT FLUSH. A
 * NOSCRIPT reply means the script did not run, so the EVAL that follows never runs it twice.
 * Scripts sent as text on every call cost more CPU in this process (writing them) and in Redis
 * (hashing them) than the requests they serve.
 */
export async function evalScript(redis: Redis, script: string, numberOfKeys: number, ...args: Array<string | number | Buffer>): Promise<unknown> {
  try {
    return await redis.evalsha(shaOf(script), numberOfKeys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(script, numberOfKeys, ...args);
  }
}
