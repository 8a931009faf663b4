import type { CircuitBreakerOptions, CircuitOutcome } from '@fanout/core';
import type { Redis } from 'ioredis';
import { evalScript } from './eval-script.js';

/**
 * How long a host's responses may wait to be recorded (one script call for all of them): a
 * failure, or a probe's end, goes at the end of its turn of the event loop, with every outcome
 * recorded before it, in order.
 * @default 20
 */
export const RESPONSES_WAIT_MS = 20;

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
  /** Sent at the end of this turn (a failure or a probe's end is in it), not after RESPONSES_WAIT_MS. */
  urgent: boolean;
  timer: NodeJS.Timeout | undefined;
  /** Settles once they are recorded: one promise for all of them. */
  readonly recorded: Promise<void>;
  settle(error?: unknown): void;
}

/**
 * The outcomes of attempts, recorded to each host's circuit in Redis in the order they ended,
 * as one script call for many: a turn's failures go at its end (the attempts that follow may
 * find the circuit open), responses within {@link RESPONSES_WAIT_MS}. With healthy hosts that
 * is one call per host every 20 ms, not one per turn, and no promise or string per response.
 * Another process's failure recorded meanwhile is reset up to that much later, as if the
 * response had come then: the same as its reaching Redis late.
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
    if (outcome === 'response' && !probe) {
      if (!pending.lastIsResponse) pending.args.push('response', 0);
      pending.lastIsResponse = true;
    } else {
      pending.args.push(outcome, probe ? 1 : 0);
      pending.lastIsResponse = outcome === 'response';
      pending.urgent = true;
    }
    this.schedule(hash, pending);
    return pending.recorded;
  }

  /** Sends every outcome not yet sent; resolves once they are recorded. */
  async flush(): Promise<void> {
    const sending = [...this.pending].map(([hash, pending]) => (this.send(hash, pending), pending.recorded));
    await Promise.allSettled(sending);
  }

  private schedule(hash: string, pending: Pending): void {
    if (pending.urgent) {
      if (pending.timer !== undefined) clearTimeout(pending.timer);
      pending.timer = undefined;
      this.flushAtTurnEnd ??= setImmediate(() => this.sendUrgent());
    } else {
      pending.timer ??= setTimeout(() => this.send(hash, pending), RESPONSES_WAIT_MS);
    }
  }

  private sendUrgent(): void {
    this.flushAtTurnEnd = undefined;
    for (const [hash, pending] of this.pending) if (pending.urgent) this.send(hash, pending);
  }

  private send(hash: string, pending: Pending): void {
    if (this.pending.get(hash) !== pending) return;
    this.pending.delete(hash);
    if (pending.timer !== undefined) clearTimeout(pending.timer);
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
  return { breaker, args: [], lastIsResponse: false, urgent: false, timer: undefined, recorded, settle };
}

function sameBreaker(a: Required<CircuitBreakerOptions>, b: Required<CircuitBreakerOptions>): boolean {
  return a === b || (a.failures === b.failures && a.cooldown === b.cooldown);
}
