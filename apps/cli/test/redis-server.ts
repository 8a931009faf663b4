import { startRedisServer, type RunningRedisServer } from '@fanout/queue';
import { afterAll, beforeAll } from 'vitest';

/** A redis-server of one test file: started before its tests, stopped after them. */
export function useRedisServer(): Pick<RunningRedisServer, 'url' | 'port'> {
  let redis: RunningRedisServer | undefined;
  beforeAll(async () => {
    redis = await startRedisServer();
  }, 30_000);
  afterAll(() => redis?.stop());
  const running = (): RunningRedisServer => {
    if (redis === undefined) throw new Error('the redis-server is not started yet: use it inside a test');
    return redis;
  };
  return {
    get url() {
      return running().url;
    },
    get port() {
      return running().port;
    },
  };
}
