import { readFileSync } from 'node:fs';
import { openRedis, parseQueueUrl } from '@fanout/queue';

/** Redis's memory over a run: the highest `used_memory` sampled, and Redis's own peaks at the end. */
export interface RedisMemoryPeaks {
  /** The highest `used_memory` (INFO memory) seen by sampling, bytes. */
  readonly usedSampled: number;
  /** `used_memory_peak` as Redis reports it at the end (its own high-water mark), bytes. */
  readonly usedPeak: number;
  /** redis-server's peak RSS (`VmHWM` in /proc/PID/status), bytes. */
  readonly rssPeak: number;
  readonly samples: number;
}

function infoField(info: string, name: string): number {
  return Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
}

function peakRssBytes(pid: number): number {
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) * 1024;
}

/** Samples `INFO memory` every `everyMs` until `stop()`, which returns the peaks. */
export async function watchRedisMemory(queueUrl: string, pid: number, everyMs = 50): Promise<{ stop(): Promise<RedisMemoryPeaks> }> {
  const redis = await openRedis(parseQueueUrl(queueUrl));
  let usedSampled = 0;
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      usedSampled = Math.max(usedSampled, infoField(await redis.info('memory'), 'used_memory'));
      samples++;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const info = await redis.info('memory');
      redis.disconnect();
      return { usedSampled: Math.max(usedSampled, infoField(info, 'used_memory')), usedPeak: infoField(info, 'used_memory_peak'), rssPeak: peakRssBytes(pid), samples };
    },
  };
}
