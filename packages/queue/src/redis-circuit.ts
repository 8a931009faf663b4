import type { CircuitAdmission, CircuitBreakerOptions, CircuitOutcome } from '@fanout/core';
import type { Redis } from 'ioredis';
import { evalScript } from './eval-script.js';
import { CircuitRecords } from './circuit-records.js';
import { TurnBatches } from './turn-batches.js';

// A host's circuit, a hash: failures (in a row), openUntil (ms, Redis's clock; absent while
// closed), probeUntil (the probe's lease); CircuitRecords records outcomes to it. Admits the
// attempts asked for in one turn, as as many calls one after the other would: {0} all closed;
// {1, failures, ms} all open (with the failures and the ms until a probe may go); {2, failures,
// ms} the first is the probe, the others find the circuit open (ms: the probe's lease). ARGV:
// probe lease in ms.
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

/**
 * The per-host circuit breaker shared through Redis, its admissions batched per host and turn of
 * the event loop (the attempts that start together: one script call admits them all, answering as
 * those calls one by one would), its outcomes recorded in order by {@link CircuitRecords}.
 */
export class RedisCircuit {
  private readonly admits: TurnBatches<number, CircuitAdmission>;
  private readonly records: CircuitRecords;

  constructor(redis: Redis) {
    this.admits = new TurnBatches<number, CircuitAdmission>(async (key, leases) => {
      const [hash, lease] = splitKey(key);
      const [state, failures, ms] = ((await evalScript(redis, CIRCUIT_ADMIT, 1, hash, lease)) as number[]).map(Number);
      if (state === 0) return leases.map((): CircuitAdmission => ({ state: 'closed' }));
      const open: CircuitAdmission = { state: 'open', failures: failures ?? 0, retryInMs: ms ?? 0 };
      return leases.map((_, i): CircuitAdmission => (state === 2 && i === 0 ? { state: 'probe' } : open));
    });
    this.records = new CircuitRecords(redis);
  }

  /** Admits one attempt to the circuit kept in `hash` (batched with the turn's others). */
  admit(hash: string, probeLeaseMs: number): Promise<CircuitAdmission> {
    // Calls with another lease (not made by one run) go in a batch of their own.
    return this.admits.add(`${hash}\n${Math.ceil(probeLeaseMs)}`, probeLeaseMs);
  }

  /** Records how an admitted attempt ended (see {@link CircuitRecords}). */
  record(hash: string, outcome: CircuitOutcome, probe: boolean, breaker: Required<CircuitBreakerOptions>): Promise<void> {
    return this.records.record(hash, outcome, probe, breaker);
  }

  /** Sends the outcomes not yet recorded. */
  flush(): Promise<void> {
    return this.records.flush();
  }
}

function splitKey(key: string): [string, string] {
  const at = key.lastIndexOf('\n');
  return [key.slice(0, at), key.slice(at + 1)];
}
