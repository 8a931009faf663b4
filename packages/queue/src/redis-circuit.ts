import type { CircuitAdmission, CircuitBreakerOptions, CircuitOutcome } from '@fanout/core';
import type { Redis } from 'ioredis';
import { evalScript } from './eval-script.js';
import { TurnBatches } from './turn-batches.js';

// A host's circuit, a hash: failures (in a row), openUntil (ms, Redis's clock; absent while
// closed), probeUntil (the probe's lease). Admits the attempts asked for in one turn, as as many
// calls one after the other would: {0} all closed; {1, failures, ms} all open (with the failures
// and the ms until a probe may go); {2, failures, ms} the first is the probe, the others find the
// circuit open (ms: the probe's lease). ARGV: probe lease in ms.
const CIRCUIT_ADMIT = `
local openUntil = tonumber(redis.call('HGET', KEYS[1], 'openUntil') or '-1')
if openUntil < 0 then return {0} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local failures = tonumber(redis.call('HGET', KEYS[1], 'failures') or '0')
if now < openUntil then return {1, failures, openUntil - now} end
local probeUntil = tonumber(redis.call('HGET', KEYS[1], 'probeUntil') or '0')
if now < probeUntil then return {1, failures, probeUntil - now} end
redis.call('HSET', KEYS[1], 'probeUntil', now + tonumber(ARGV[1]))
return {2, failures, tonumber(ARGV[1])}`;

// Records attempts' outcomes, in order. ARGV: failures to open, cooldown ms, then (outcome, probe
// 1/0) pairs. A response closes the circuit; a connection failure counts, and opens the circuit at
// the threshold or when it was the probe; another end of a probe frees the probe slot. The hash
// outlives its cool-down by an hour, then goes.
const CIRCUIT_RECORD = `
local gone = false
local touched = false
local now = nil
for i = 3, #ARGV, 2 do
  local outcome, probe = ARGV[i], ARGV[i + 1]
  if outcome == 'response' then
    if not gone then redis.call('DEL', KEYS[1]) gone = true end
    touched = false
  elseif outcome ~= 'unreachable' then
    if probe == '1' and not gone then redis.call('HDEL', KEYS[1], 'probeUntil') end
  else
    if now == nil then
      local t = redis.call('TIME')
      now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
    end
    local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
    local closed = redis.call('HEXISTS', KEYS[1], 'openUntil') == 0
    if probe == '1' or (closed and failures >= tonumber(ARGV[1])) then
      redis.call('HSET', KEYS[1], 'openUntil', now + tonumber(ARGV[2]))
      redis.call('HDEL', KEYS[1], 'probeUntil')
    end
    gone = false
    touched = true
  end
end
if touched then redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2])) + 3600000) end
return 1`;

interface Record {
  readonly outcome: CircuitOutcome;
  readonly probe: boolean;
}

/**
 * The per-host circuit breaker shared through Redis, its calls batched per host and turn of the
 * event loop (the attempts that start or end together): one script call admits them all, one
 * records their outcomes, in the order they were made. Answers as those calls one by one would.
 */
export class RedisCircuit {
  private readonly admits: TurnBatches<number, CircuitAdmission>;
  private readonly records: TurnBatches<Record, void>;
  private readonly breakers = new Map<string, Required<CircuitBreakerOptions>>();

  constructor(redis: Redis) {
    this.admits = new TurnBatches<number, CircuitAdmission>(async (key, leases) => {
      const [hash, lease] = splitKey(key);
      const [state, failures, ms] = ((await evalScript(redis, CIRCUIT_ADMIT, 1, hash, lease)) as number[]).map(Number);
      if (state === 0) return leases.map((): CircuitAdmission => ({ state: 'closed' }));
      const open: CircuitAdmission = { state: 'open', failures: failures ?? 0, retryInMs: ms ?? 0 };
      return leases.map((_, i): CircuitAdmission => (state === 2 && i === 0 ? { state: 'probe' } : open));
    });
    this.records = new TurnBatches<Record, void>(async (key, records) => {
      const [hash, options] = splitKey(key);
      const breaker = this.breakers.get(options) as Required<CircuitBreakerOptions>;
      const args = records.flatMap(({ outcome, probe }) => [outcome, probe ? 1 : 0]);
      await evalScript(redis, CIRCUIT_RECORD, 1, hash, breaker.failures, Math.ceil(breaker.cooldown), ...args);
      return records.map(() => undefined);
    });
  }

  /** Admits one attempt to the circuit kept in `hash` (batched with the turn's others). */
  admit(hash: string, probeLeaseMs: number): Promise<CircuitAdmission> {
    // Calls with another lease (not made by one run) go in a batch of their own.
    return this.admits.add(`${hash}\n${Math.ceil(probeLeaseMs)}`, probeLeaseMs);
  }

  /** Records how an admitted attempt ended (batched with the turn's others). */
  record(hash: string, outcome: CircuitOutcome, probe: boolean, breaker: Required<CircuitBreakerOptions>): Promise<void> {
    const options = `${breaker.failures}/${breaker.cooldown}`;
    if (!this.breakers.has(options)) this.breakers.set(options, { failures: breaker.failures, cooldown: breaker.cooldown });
    return this.records.add(`${hash}\n${options}`, { outcome, probe });
  }
}

function splitKey(key: string): [string, string] {
  const at = key.lastIndexOf('\n');
  return [key.slice(0, at), key.slice(at + 1)];
}
