import { describe, expect, it } from 'vitest';
import { evalScript } from '../src/eval-script.js';
import { useRedisPair } from './redis-pair.js';

const redis = useRedisPair();
const COUNT = `return redis.call('INCR', KEYS[1])`;

describe('evalScript: Lua scripts by EVALSHA, the text only when Redis lacks the script', () => {
  it('runs once per call, also the first time and after SCRIPT FLUSH (a restart), and never sends the text twice for nothing', async () => {
    await redis.a.config('RESETSTAT');
    expect(await evalScript(redis.a, COUNT, 1, 'eval-script:count')).toBe(1);
    expect(await evalScript(redis.a, COUNT, 1, 'eval-script:count')).toBe(2);
    await redis.a.script('FLUSH');
    // The other connection finds the script gone too: NOSCRIPT, then EVAL; the script ran once.
    expect(await evalScript(redis.b, COUNT, 1, 'eval-script:count')).toBe(3);
    expect(await evalScript(redis.b, COUNT, 1, 'eval-script:count')).toBe(4);
    const stats = await redis.a.info('commandstats');
    const calls = (name: string) => Number(new RegExp(`^cmdstat_${name}:calls=(\\d+)`, 'm').exec(stats)?.[1] ?? 0);
    expect({ eval: calls('eval'), evalsha: calls('evalsha') }).toEqual({ eval: 2, evalsha: 4 });
  });

  it('passes a script error through (it is not NOSCRIPT)', async () => {
    await expect(evalScript(redis.a, `return redis.call('NOSUCHCOMMAND')`, 0)).rejects.toThrow(/Unknown Redis command|unknown command/i);
  });
});
