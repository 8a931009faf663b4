import { randomUUID } from 'node:crypto';
import { clampDelay } from '@fanout/core';
import type { Redis } from 'ioredis';
import { evalScript } from './eval-script.js';

// Takes a lease if fewer than ARGV[1] unexpired ones are held. KEYS: the host's lease set
// (member → expiry on Redis's clock). ARGV: limit, member, lease ms.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
return 1`;

// Extends the leases still held. KEYS: lease sets. ARGV: lease ms, then one member per key.
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ms = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, 'XX', now + ms, ARGV[i + 1])
  redis.call('PEXPIRE', key, ms * 2)
end
return 1`;

const POLL_MS = 25;

/** Lease sets made in this process: each set's members are its own, even for one owner (a worker's chunks run at once). */
let setsMade = 0;
/**
 * This process among those with the same owner name: a worker's name is `hostname-pid`, which
 * two workers share when their containers share a hostname (`--network host`) and run node as pid 1.
 */
const PROCESS = randomUUID().slice(0, 8);

/**
 * Per-host slots for requests in flight, shared by every worker as leases in Redis: a sorted
 * set per host of lease → expiry. Held leases are renewed while their requests run; a killed
 * worker's leases expire after `leaseMs`, and the other workers then take them.
 */
export class RedisHostLeases {
  private readonly held = new Map<string, string>(); // member → key
  private next = 0;
  private readonly prefix: string;
  private readonly renewer: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly keyOf: (host: string) => string,
    owner: string,
    private readonly leaseMs: number,
  ) {
    this.prefix = `${owner}:${PROCESS}:${setsMade++}`;
    this.renewer = setInterval(() => void this.renew().catch(() => undefined), clampDelay(Math.max(100, Math.floor(leaseMs / 3))));
    this.renewer.unref();
  }

  /** Waits for one of `limit` slots of `host`; resolves to its release. */
  async acquire(host: string, limit: number, signal: AbortSignal): Promise<() => void> {
    const key = this.keyOf(host);
    const member = `${this.prefix}:${this.next++}`;
    for (let tries = 0; ; tries++) {
      signal.throwIfAborted();
      if (Number(await evalScript(this.redis, ACQUIRE, 1, key, limit, member, this.leaseMs)) === 1) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS + Math.floor(Math.random() * POLL_MS) * Math.min(tries, 4)));
    }
    this.held.set(member, key);
    return () => {
      if (!this.held.delete(member)) return;
      void this.redis.zrem(key, member).catch(() => undefined);
    };
  }

  private async renew(): Promise<void> {
    if (this.held.size === 0) return;
    const entries = [...this.held];
    await evalScript(this.redis, RENEW, entries.length, ...entries.map(([, key]) => key), this.leaseMs, ...entries.map(([member]) => member));
  }

  /** Stops renewing; leases still held are released. */
  close(): void {
    clearInterval(this.renewer);
    for (const [member, key] of this.held) void this.redis.zrem(key, member).catch(() => undefined);
    this.held.clear();
  }
}
