import type { Redis } from 'ioredis';

/** Samples Redis's `used_memory` every few ms until stopped; `peak` is the highest seen. */
export function sampleRedisMemory(redis: Redis, everyMs = 20): { readonly peak: () => number; stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const info = await redis.info('memory');
      const used = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
      peak = Math.max(peak, used);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    peak: () => peak,
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}
