import { describe, expect, it } from 'vitest';
import { evalScript } from '../src/eval-script.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();
const COUNT = `return redis.call('INCR', KEYS[1])`;

describe('evalScript: Lua scripts by EVALSHA, the text only when Redis lacks the script', () => {
  it('runs once per call: text first on each connection, then by SHA, and again as text after SCRIPT FLUSH (a restart)', async () => {
    await redis.a.config('RESETSTAT');
    expect(await evalScript(redis.a, COUNT, 1, 'eval-script:count')).toBe(1);
    expect(await evalScript(redis.a, COUNT, 1, 'eval-script:count')).toBe(2);
    expect(await evalScript(redis.b, COUNT, 1, 'eval-script:count')).toBe(3);
    await redis.a.script('FLUSH');
    // NOSCRIPT, then EVAL: the script ran once.
    expect(await evalScript(redis.a, COUNT, 1, 'eval-script:count')).toBe(4);
    expect(await evalScript(redis.a, COUNT, 1, 'eval-script:count')).toBe(5);
    const stats = await redis.a.info('commandstats');
    const calls = (name: string) => Number(new RegExp(`^cmdstat_${name}:calls=(\\d+)`, 'm').exec(stats)?.[1] ?? 0);
    expect({ eval: calls('eval'), evalsha: calls('evalsha') }).toEqual({ eval: 3, evalsha: 3 });
  });

  it('keeps a connection\'s calls in order: a call not awaited runs before the next one, the first time too', async () => {
    const SET_IF = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0`;
    await redis.a.set('eval-script:order', 'a');
    expect(await evalScript(redis.a, SET_IF, 1, 'eval-script:order', 'x', 'y')).toBe(0); // known to Redis from here on
    void evalScript(redis.a, `redis.call('SET', KEYS[1], ARGV[1]) return 1`, 1, 'eval-script:order', 'b');
    expect(await evalScript(redis.a, SET_IF, 1, 'eval-script:order', 'b', 'c')).toBe(1);
    expect(await redis.a.get('eval-script:order')).toBe('c');
  });

  it('passes a script error through (it is not NOSCRIPT)', async () => {
    await expect(evalScript(redis.a, `return redis.call('NOSUCHCOMMAND')`, 0)).rejects.toThrow(/Unknown Redis command|unknown command/i);
  });
});
