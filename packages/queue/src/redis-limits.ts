import { clampDelay, defaults, RateLimitedError, type AnnouncedBudget, type CircuitAdmission, type CircuitBreakerOptions, type CircuitOutcome, type SharedLimits } from '@fanout/core';
import type { Redis } from 'ioredis';
import type { ChunkOptions } from './chunk.js';
import { jobKeys } from './keys.js';
import type { RedisHostLeases } from './redis-host-leases.js';
import { evalScript } from './eval-script.js';
import { BookedAhead } from './booked-ahead.js';
import { FreshAdmissions } from './fresh-admissions.js';
import { RedisCircuit } from './redis-circuit.js';

/** The budget hash's fields {@link SENDS_IN_FLIGHT} reads, in its order (Lua arguments). */
const WINDOW_FIELDS = `'wAt', 'wCur', 'wPrev', 'sent'`;

// A host's sends in flight: those not told as ended, counted in two windows of span ms (how long
// a request can be in flight; the current one from wAt). Answers told end the newest sends
// first. A window older than span is dropped with its sends, which have ended, told or not (a
// worker tells answers only while a budget holds the host back, so those before are never told,
// and a killed worker never tells its last): they are no longer counted in 'sent' either, so
// that every total allowed before (counted with them in flight) lets that many more go. Takes
// the hash's wAt, wCur, wPrev and sent as read (WINDOW_FIELDS); returns them as of now, stored
// when a window was dropped.
const SENDS_IN_FLIGHT = `
local function inFlightNow(b, now, span, wAt, wCur, wPrev, wSent)
  local at, cur, prev, sent = tonumber(wAt), tonumber(wCur or '0'), tonumber(wPrev or '0'), tonumber(wSent or '0')
  local dropped = 0
  if at == nil then at = now
  elseif now >= at + 2 * span then at, cur, prev, dropped = now, 0, 0, cur + prev
  elseif now >= at + span then at, cur, prev, dropped = at + span, 0, cur, prev end
  if dropped > 0 then
    sent = math.max(0, sent - dropped)
    redis.call('HSET', b, 'sent', sent, 'wAt', at, 'wCur', cur, 'wPrev', prev)
  end
  return at, cur, prev, sent
end`;

// A host's announced budget (BUDGET_CAPS below) as of now: ends the caps whose window passed;
// after the last, the quota (or one probe) minus what is in flight holds until news comes or
// ARGV[3] ms pass. Leaves the total sends allowed in 'total' (nil: no budget) and until when,
// the sends counted in 'sent', and the windows of those in flight (SENDS_IN_FLIGHT).
const BUDGET_NOW = `
local b = KEYS[4]
local total = nil
local untilMs = 0
-- One read of the fields every booking needs.
local h = redis.call('HMGET', b, 'caps', 'fbTotal', 'fbUntil', ${WINDOW_FIELDS})
local capsJson, fb, fbUntil = h[1], h[2], h[3]
local wAt, wCur, wPrev, sent = inFlightNow(b, now, tonumber(ARGV[3]), h[4], h[5], h[6], h[7])
if capsJson then
  local caps = cjson.decode(capsJson)
  local kept = {}
  for _, c in ipairs(caps) do if c[2] > now then table.insert(kept, c) end end
  if #kept == 0 then
    redis.call('HDEL', b, 'caps')
    local limit = tonumber(redis.call('HGET', b, 'limit') or '1')
    fb, fbUntil = sent - wCur - wPrev + limit, now + tonumber(ARGV[3])
    redis.call('HSET', b, 'fbTotal', fb, 'fbUntil', fbUntil)
  else
    if #kept < #caps then redis.call('HSET', b, 'caps', cjson.encode(kept)) end
    total = kept[1][1]
    untilMs = kept[1][2]
  end
end
if total == nil and fb then
  fbUntil = tonumber(fbUntil)
  if now >= fbUntil then redis.call('HDEL', b, 'fbTotal', 'fbUntil') else total = tonumber(fb) untilMs = now + math.min(100, fbUntil - now) end
end`;

// Books the next ARGV[4] send slots, in order, as as many calls one after the other would: first
// the host's announced budget (a slot it does not allow is not booked: minus the ms to wait
// before asking again), then each at max(now, global next, host next, host pause), on Redis's
// clock so that every worker agrees. While nothing holds the host back (no rate, budget or pause,
// circuit not open), it also books ARGV[5] slots ahead, to go at once; ARGV[6] slots booked ahead
// before were never sent, and are no longer counted. KEYS: global next, host next, host pause,
// host budget, job meta (no budget is kept once the job is gone), host circuit. ARGV: intervals in
// ms, how long a request can be in flight, how many slots, how many ahead, how many given back.
// Returns one wait per slot, then 1 when the host's circuit is open as read in the same instant
// (0: not), then the slots booked ahead (-1: the host is held back).
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
${SENDS_IN_FLIGHT}
${BUDGET_NOW}
local n = tonumber(ARGV[4])
local kept = redis.call('EXISTS', KEYS[5]) == 1
local returned = tonumber(ARGV[6])
if returned > 0 and kept then
  -- Slots booked ahead and never sent: no longer counted, nor in flight (the newest first; those
  -- in a window dropped already are no longer counted).
  local fromCur = math.min(returned, wCur)
  local fromPrev = math.min(returned - fromCur, wPrev)
  wCur, wPrev = wCur - fromCur, wPrev - fromPrev
  sent = math.max(0, sent - fromCur - fromPrev)
  redis.call('HSET', b, 'sent', sent, 'wAt', wAt, 'wCur', wCur, 'wPrev', wPrev)
end
local booked = n
if total ~= nil then
  -- Without the job, sends are not counted: each call would see the same count.
  if kept then booked = math.max(0, math.min(n, total - sent)) elseif sent >= total then booked = 0 end
end
local g = tonumber(ARGV[1])
local hr = tonumber(ARGV[2])
-- The rate keys exist only for a job with that rate (every chunk of a job has the job's options).
local first = math.max(now, tonumber(redis.call('GET', KEYS[3]) or '0'))
local open = redis.call('HEXISTS', KEYS[6], 'openUntil')
local ahead = -1
if kept and total == nil and g == 0 and hr == 0 and first <= now and open == 0 then ahead = tonumber(ARGV[5]) end
local out = {}
if booked + math.max(ahead, 0) > 0 then
  if kept then
    local counted = booked + math.max(ahead, 0)
    redis.call('HSET', b, 'sent', sent + counted, 'wAt', wAt, 'wCur', wCur + counted, 'wPrev', wPrev)
    -- Kept while a request could be in flight, or while a budget holds: hosts that announce
    -- nothing leave nothing behind.
    local keep = math.max(untilMs - now, 0) + tonumber(ARGV[3]) + 1000
    if redis.call('PTTL', b) < keep then redis.call('PEXPIRE', b, keep) end
  end
  local gNext = 0
  local hNext = 0
  if g > 0 then gNext = tonumber(redis.call('GET', KEYS[1]) or '0') end
  if hr > 0 then hNext = tonumber(redis.call('GET', KEYS[2]) or '0') end
  for i = 1, booked do
    local at = math.max(first, gNext, hNext)
    if g > 0 then gNext = at + g end
    if hr > 0 then hNext = at + hr end
    out[i] = at - now
  end
  if g > 0 then redis.call('SET', KEYS[1], gNext, 'PX', math.ceil(gNext - now + 60000)) end
  if hr > 0 then redis.call('SET', KEYS[2], hNext, 'PX', math.ceil(hNext - now + 60000)) end
end
-- Asked again at the reset, or, when only sends in flight hold it back, as the oldest may be dropped.
local again = untilMs - now
if total ~= nil and wCur + wPrev > 0 and total > sent - wCur - wPrev then again = math.min(again, wAt + tonumber(ARGV[3]) - now) end
for i = booked + 1, n do out[i] = -math.max(1, again) end
out[n + 1] = open
out[n + 2] = ahead
return out`;

// Pauses a host until now + ARGV[1] ms, never shortening a longer pause.
const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
if untilMs > tonumber(redis.call('GET', KEYS[1]) or '0') then redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1]) + 1000) end
return 1`;

// A host announced R remaining until now + ARGV[3] ms: with the ARGV[1] attempts that ended in
// the announcing worker since its last call, the sends in all may reach those not in flight (see
// SENDS_IN_FLIGHT) + R until then.
// Caps are a staircase (later reset, higher total); a stale announcement never raises one.
// ARGV[4]: the host's whole quota, or ''; ARGV[5]: how long a request can be in flight.
// KEYS: host budget, job meta.
const ANNOUNCE_BUDGET = `
${SENDS_IN_FLIGHT}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
local b = KEYS[1]
local w = redis.call('HMGET', b, ${WINDOW_FIELDS})
local at, cur, prev, sent = inFlightNow(b, now, tonumber(ARGV[5]), w[1], w[2], w[3], w[4])
local told = tonumber(ARGV[1])
local newer = math.min(told, cur)
cur = cur - newer
prev = prev - math.min(told - newer, prev)
redis.call('HSET', b, 'wAt', at, 'wCur', cur, 'wPrev', prev)
if ARGV[4] ~= '' then redis.call('HSET', b, 'limit', ARGV[4]) end
redis.call('HDEL', b, 'fbTotal', 'fbUntil')
local cap = {sent - cur - prev + tonumber(ARGV[2]), now + tonumber(ARGV[3])}
local caps = cjson.decode(redis.call('HGET', b, 'caps') or '[]')
local covered = false
for _, c in ipairs(caps) do if c[2] > now and c[2] >= cap[2] and c[1] <= cap[1] then covered = true end end
local kept = {}
for _, c in ipairs(caps) do
  if c[2] > now and (covered or not (c[2] <= cap[2] and c[1] >= cap[1])) then table.insert(kept, c) end
end
if not covered then
  table.insert(kept, cap)
  table.sort(kept, function(x, y) return x[2] < y[2] end)
end
if #kept > 0 then redis.call('HSET', b, 'caps', cjson.encode(kept)) else redis.call('HDEL', b, 'caps') end
local keep = math.max(kept[#kept] and kept[#kept][2] - now or 0, 0) + tonumber(ARGV[5]) + 1000
if redis.call('PTTL', b) < keep then redis.call('PEXPIRE', b, keep) end
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

/** The core's attempt timeout, how long a request can be in flight when the job sets none. */
const DEFAULT_TIMEOUT_MS = defaults.timeout;

/** The budget of every job: as the core's default. */
export const BUDGET = defaults.retry.budget;

/**
 * `SharedLimits` on Redis for one job: the global and per-host rates, per-host pauses after a
 * `Retry-After`, the retry budget and (given leases) `perHost` hold across every worker on every
 * machine, and so does the per-host circuit breaker (one worker finding a host dead opens its circuit
 * for all; one probe at a time goes after the cool-down) and the pacing by the budget a host
 * announces in rate-limit headers (one worker's answers pace every worker's sends).
 */
export class RedisLimits implements SharedLimits {
  private readonly keys;
  private pendingRequests = 0;
  private readonly batches: ConnectionBatches;
  /** The circuit reads made by this job's bookings, for the admissions that follow them. */
  private readonly fresh = new FreshAdmissions();
  private readonly bookingCalls = new Map<string, string>();
  private readonly circuitKeys = new Map<string, string>();

  constructor(
    private readonly redis: Redis,
    job: string,
    private readonly options: ChunkOptions,
    private readonly leases?: RedisHostLeases,
  ) {
    this.keys = jobKeys(job);
    this.batches = batchesOf(redis);
  }

  acquireHost(host: string, limit: number, signal: AbortSignal): Promise<() => void> {
    if (!this.leases) return Promise.resolve(() => undefined);
    return this.leases.acquire(host, limit, signal);
  }

  async reserve(host: string, signal?: AbortSignal, maxWaitMs = Infinity): Promise<number> {
    const call = this.callOf(host);
    for (;;) {
      const { wait, open, at } = await this.batches.bookings.reserve(call);
      if (wait >= 0) {
        // The attempt asks the circuit next: unless it waits first, the read made with the booking answers.
        if (!open && wait === 0) this.fresh.closed(host, at);
        return wait;
      }
      // The host's announced budget is spent: nothing was booked; ask again when it may not be
      // (past the run's longest wait, fail now: the core's cap).
      if (-wait > maxWaitMs) throw new RateLimitedError(host, -wait, maxWaitMs);
      await waitUnlessAborted(-wait, signal);
    }
  }

  /** A slot booked ahead for `host` (see {@link BookedAhead}); its booking's read of the circuit answers the admission that follows. */
  takeBooked(host: string): boolean {
    const at = this.batches.bookings.take(this.callOf(host));
    if (at === undefined) return false;
    this.fresh.closed(host, at);
    return true;
  }

  announceBudget(host: string, budget: AnnouncedBudget, answered: number): void {
    // Slots booked ahead go no more: the next booking sees the budget.
    this.batches.bookings.drop(this.callOf(host));
    const args = [answered, budget.remaining, Math.ceil(budget.resetMs), budget.limit ?? '', this.options.timeout ?? DEFAULT_TIMEOUT_MS];
    void evalScript(this.redis, ANNOUNCE_BUDGET, 2, this.keys.hostBudget(host), this.keys.meta, ...args).catch(() => undefined);
  }

  pause(host: string, ms: number): void {
    this.batches.bookings.drop(this.callOf(host));
    void evalScript(this.redis, PAUSE, 1, this.keys.hostPause(host), Math.ceil(ms)).catch(() => undefined);
  }

  recordRequest(): void {
    this.pendingRequests++;
  }

  async tryTakeRetry(): Promise<boolean> {
    const pending = this.pendingRequests;
    this.pendingRequests = 0;
    return Number(await evalScript(this.redis, TAKE_RETRY, 2, this.keys.budget, this.keys.meta, pending, BUDGET.ratio, BUDGET.min)) === 1;
  }

  circuitAdmit(host: string, probeLeaseMs: number): CircuitAdmission | Promise<CircuitAdmission> {
    if (this.fresh.take(host)) return CLOSED;
    return this.batches.circuit.admit(this.circuitKey(host), probeLeaseMs);
  }

  circuitRecord(host: string, outcome: CircuitOutcome, probe: boolean, breaker: Required<CircuitBreakerOptions>): Promise<void> {
    // Every response is recorded, even to a circuit a booking just found without failures:
    // another worker may have recorded one since, which it resets (failures in a row).
    // Failures may open it: the attempts that follow read the circuit again.
    if (outcome === 'unreachable') this.batches.bookings.drop(this.callOf(host));
    return this.batches.circuit.record(this.circuitKey(host), outcome, probe, breaker);
  }

  /** Each host's booking call (its keys and arguments), made once. */
  private callOf(host: string): string {
    let call = this.bookingCalls.get(host);
    if (call === undefined) {
      const global = this.options.rate ? 1000 / this.options.rate : 0;
      const perHost = this.options.perHostRate ? 1000 / this.options.perHostRate : 0;
      const settleMs = this.options.timeout ?? DEFAULT_TIMEOUT_MS;
      call = JSON.stringify([this.keys.globalRate, this.keys.hostRate(host), this.keys.hostPause(host), this.keys.hostBudget(host), this.keys.meta, this.keys.hostCircuit(host), global, perHost, settleMs, Number.isFinite(this.options.perHost ?? Infinity)]);
      this.bookingCalls.set(host, call);
    }
    return call;
  }

  private circuitKey(host: string): string {
    let key = this.circuitKeys.get(host);
    if (key === undefined) this.circuitKeys.set(host, (key = this.keys.hostCircuit(host)));
    return key;
  }

  /** Sends the circuit outcomes not yet recorded, and adds the inputs counted since the last retry to the shared total. */
  async flush(): Promise<void> {
    const recorded = this.batches.circuit.flush();
    if (this.pendingRequests > 0) {
      const pending = this.pendingRequests;
      this.pendingRequests = 0;
      await this.redis.hincrby(this.keys.budget, 'requests', pending);
    }
    await recorded;
  }
}

const CLOSED: CircuitAdmission = { state: 'closed' };

/** The calls of every job's limits on one connection, batched per turn of the event loop. */
interface ConnectionBatches {
  /** Bookings, by their script call (keys and arguments as JSON), with the slots booked ahead. */
  readonly bookings: BookedAhead;
  readonly circuit: RedisCircuit;
}

const byConnection = new WeakMap<Redis, ConnectionBatches>();

function batchesOf(redis: Redis): ConnectionBatches {
  let batches = byConnection.get(redis);
  if (batches === undefined) {
    const bookings = new BookedAhead(async (call, n, ahead, returned) => {
      const [k1, k2, k3, k4, k5, k6, global, perHostRate, inFlightMs, leased] = JSON.parse(call) as [string, string, string, string, string, string, number, number, number, boolean];
      // With per-host leases, the engine takes no slot booked ahead: none are booked.
      const reply = ((await evalScript(redis, RESERVE, 6, k1, k2, k3, k4, k5, k6, global, perHostRate, inFlightMs, n, leased ? 0 : ahead, returned)) as number[]).map(Number);
      return { waits: reply.slice(0, n), open: reply[n] === 1, ahead: reply[n + 1] ?? -1 };
    });
    batches = { bookings, circuit: new RedisCircuit(redis) };
    byConnection.set(redis, batches);
  }
  return batches;
}

/** How many hosts (of all jobs) a worker on `redis` keeps booking state for: those with slots booked ahead. */
export function hostsBookedAhead(redis: Redis): number {
  return byConnection.get(redis)?.bookings.size ?? 0;
}

/** Gives back the send slots booked ahead on `redis` and not sent (a stopping worker). */
export function giveBackBookedAhead(redis: Redis): Promise<void> {
  return byConnection.get(redis)?.bookings.giveBack() ?? Promise.resolve();
}

/** Resolves after `ms`; rejects with the signal's reason as soon as it aborts. */
function waitUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, clampDelay(ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
