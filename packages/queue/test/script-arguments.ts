import type { Redis } from 'ioredis';

/**
 * The arguments of the script calls (EVAL, EVALSHA) Redis runs while `action` runs, seen by
 * MONITOR on `monitorOf` (a client of the same server); `watched` is the connection `action`
 * uses: a PING sent on it after the action is seen after its calls, so all of them are in.
 */
export async function scriptArguments(monitorOf: Redis, watched: Redis, action: () => Promise<unknown>): Promise<string[][]> {
  const monitor = await monitorOf.monitor();
  const calls: string[][] = [];
  monitor.on('monitor', (_time: string, args: string[]) => {
    if (/^eval(sha)?$/i.test(args[0] ?? '')) calls.push(args);
  });
  await action();
  const seen = new Promise<void>((resolve) => monitor.on('monitor', (_time: string, args: string[]) => args[0]?.toLowerCase() === 'ping' && resolve()));
  await watched.ping();
  await seen;
  monitor.disconnect();
  return calls;
}
