import type { CircuitBreakerOptions, CircuitOutcome } from '@fanout/core';
import type { Redis } from 'ioredis';
import { evalScript } from './eval-script.js';

// A host's circuit, a hash: failures (in a row), openUntil (ms, Redis's clock; absent while
// closed), probeUntil (the probe's lease). Records attempts' outcomes, in order. ARGV: failures
// to open, cooldown ms, then (outcome, probe 1/0) pairs. A response closes the circuit; a
// connection failure counts, and opens the circuit at the threshold or when it was the probe;
// another end of a probe frees the probe slot. The hash outlives its cool-down by an hour, then goes.
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

/** One host circuit's outcomes not yet sent. */
interface Pending {
  readonly breaker: Required<CircuitBreakerOptions>;
  /** (outcome, probe 1/0) script arguments, in order: responses in a row are one (the same effect). */
  readonly args: Array<string | number>;
  lastIsResponse: boolean;
  /** Settles once they are recorded: one promise for all of them. */
  readonly recorded: Promise<void>;
  settle(error?: unknown): void;
}

/**
 * The outcomes of attempts, recorded to each host's circuit in Redis in the order they ended,
 * one script call per host for the outcomes of one turn of the event loop (the attempts that
 * end together), as the calls one by one would: responses in a row go as one (a response resets
 * the failures in a row, however many there are), and the batch has one promise, not one per
 * outcome. Responses are not held longer than their turn: another worker's failures must find
 * them recorded (held 20 ms, 3 workers with 12 % connection resets opened the circuit in 4 runs
 * of 6, against none).
 */
export class CircuitRecords {
  private readonly pending = new Map<string, Pending>();
  private flushAtTurnEnd: NodeJS.Immediate | undefined;

  constructor(private readonly redis: Redis) {}

  /** Records how an attempt ended; resolves once it is in Redis (the same promise for a batch). */
  record(hash: string, outcome: CircuitOutcome, probe: boolean, breaker: Required<CircuitBreakerOptions>): Promise<void> {
    let pending = this.pending.get(hash);
    if (pending !== undefined && !sameBreaker(pending.breaker, breaker)) {
      this.send(hash, pending);
      pending = undefined;
    }
    if (pending === undefined) {
      pending = openPending(breaker);
      this.pending.set(hash, pending);
    }
    if (outcome !== 'response' || !pending.lastIsResponse) pending.args.push(outcome, probe ? 1 : 0);
    pending.lastIsResponse = outcome === 'response';
    this.flushAtTurnEnd ??= setImmediate(() => this.sendAll());
    return pending.recorded;
  }

  /** Sends every outcome not yet sent; resolves once they are recorded. */
  async flush(): Promise<void> {
    const recorded = [...this.pending.values()].map((pending) => pending.recorded);
    this.sendAll();
    await Promise.allSettled(recorded);
  }

  private sendAll(): void {
    if (this.flushAtTurnEnd !== undefined) clearImmediate(this.flushAtTurnEnd);
    this.flushAtTurnEnd = undefined;
    for (const [hash, pending] of this.pending) this.send(hash, pending);
  }

  private send(hash: string, pending: Pending): void {
    if (this.pending.get(hash) !== pending) return;
    this.pending.delete(hash);
    const { failures, cooldown } = pending.breaker;
    evalScript(this.redis, CIRCUIT_RECORD, 1, hash, failures, Math.ceil(cooldown), ...pending.args).then(
      () => pending.settle(),
      (error: unknown) => pending.settle(error),
    );
  }
}

function openPending(breaker: Required<CircuitBreakerOptions>): Pending {
  let settle: (error?: unknown) => void = () => undefined;
  const recorded = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error));
  });
  // A failure to record is ignored (as a pause is) unless the caller waits for it.
  recorded.catch(() => undefined);
  return { breaker, args: [], lastIsResponse: false, recorded, settle };
}

function sameBreaker(a: Required<CircuitBreakerOptions>, b: Required<CircuitBreakerOptions>): boolean {
  return a === b || (a.failures === b.failures && a.cooldown === b.cooldown);
}
