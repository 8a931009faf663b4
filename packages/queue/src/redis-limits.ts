import type { SharedLimits } from '@fanout/core';
import type { Redis } from 'ioredis';
import type { ChunkOptions } from './chunk.js';
import { jobKeys } from './keys.js';
import type { RedisHostLeases } from './redis-host-leases.js';

// Books the next send slot: max(now, global next, host next, host pause), using Redis's clock
// so that every worker agrees. KEYS: global next, host next, host pause. ARGV: intervals in ms.
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local at = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(redis.call('GET', KEYS[2]) or '0'), tonumber(redis.call('GET', KEYS[3]) or '0'))
local g = tonumber(ARGV[1])
local h = tonumber(ARGV[2])
if g > 0 then redis.call('SET', KEYS[1], at + g, 'PX', math.ceil(at + g - now + 60000)) end
if h > 0 then redis.call('SET', KEYS[2], at + h, 'PX', math.ceil(at + h - now + 60000)) end
return at - now`;

// Pauses a host until now + ARGV[1] ms, never shortening a longer pause.
const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
if untilMs > tonumber(redis.call('GET', KEYS[1]) or '0') then redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1]) + 1000) end
return 1`;

// Retry budget: retries may reach min + ratio * requests; none once the job is gone (no orphan
// key). KEYS: budget hash, job meta. ARGV: pending requests, ratio, min.
const TAKE_RETRY = `
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
local requests = redis.call('HINCRBY', KEYS[1], 'requests', ARGV[1])
local retries = tonumber(redis.call('HGET', KEYS[1], 'retries') or '0')
if retries >= tonumber(ARGV[3]) + tonumber(ARGV[2]) * requests then return 0 end
redis.call('HINCRBY', KEYS[1], 'retries', 1)
return 1`;

/** The budget of every job: as the core's default. */
export const BUDGET = { ratio: 0.2, min: 10 } as const;

/**
 * `SharedLimits` on Redis for one job: the global and per-host rates, per-host pauses after a
 * `Retry-After`, the retry budget and (given leases) `perHost` hold across every worker on every
 * machine.
 */
export class RedisLimits implements SharedLimits {
  private readonly keys;
  private pendingRequests = 0;

  constructor(
    private readonly redis: Redis,
    job: string,
    private readonly options: ChunkOptions,
    private readonly leases?: RedisHostLeases,
  ) {
    this.keys = jobKeys(job);
  }

  acquireHost(host: string, limit: number, signal: AbortSignal): Promise<() => void> {
    if (!this.leases) return Promise.resolve(() => undefined);
    return this.leases.acquire(host, limit, signal);
  }

  async reserve(host: string): Promise<number> {
    const global = this.options.rate ? 1000 / this.options.rate : 0;
    const perHost = this.options.perHostRate ? 1000 / this.options.perHostRate : 0;
    const wait = await this.redis.eval(RESERVE, 3, this.keys.globalRate, this.keys.hostRate(host), this.keys.hostPause(host), global, perHost);
    return Number(wait);
  }

  pause(host: string, ms: number): void {
    void this.redis.eval(PAUSE, 1, this.keys.hostPause(host), Math.ceil(ms)).catch(() => undefined);
  }

  recordRequest(): void {
    this.pendingRequests++;
  }

  async tryTakeRetry(): Promise<boolean> {
    const pending = this.pendingRequests;
    this.pendingRequests = 0;
    return Number(await this.redis.eval(TAKE_RETRY, 2, this.keys.budget, this.keys.meta, pending, BUDGET.ratio, BUDGET.min)) === 1;
  }

  /** Adds the inputs counted since the last retry to the shared total. */
  async flush(): Promise<void> {
    if (this.pendingRequests === 0) return;
    const pending = this.pendingRequests;
    this.pendingRequests = 0;
    await this.redis.hincrby(this.keys.budget, 'requests', pending);
  }
}
