import { describe, expect, it } from 'vitest';
import { AbortError, CircuitOpenError } from '../src/index.js';
import type { CircuitAdmission, SharedLimits } from '../src/index.js';
import { HostGate } from '../src/limits/host-gate.js';
import { SharedCircuitBreaker } from '../src/limits/shared-circuit-breaker.js';
import { Cancellation } from '../src/utils/cancellation.js';

/** Shared limits that count their calls; `booked` slots are booked ahead. */
function countingLimits(booked: number): SharedLimits & { reserves: number; takes: number } {
  const limits = {
    reserves: 0,
    takes: 0,
    reserve: () => {
      limits.reserves++;
      return Promise.resolve(0);
    },
    takeBooked: () => {
      limits.takes++;
      if (booked === 0) return false;
      booked--;
      return true;
    },
    pause: () => undefined,
    recordRequest: () => undefined,
    tryTakeRetry: () => Promise.resolve(true),
  };
  return limits;
}

describe('a send slot the shared limits booked ahead lets an attempt through the gate at once', () => {
  it('taken: no promise, no reserve, no AbortSignal made; none left: reserve books one', async () => {
    const shared = countingLimits(1);
    const gate = new HostGate({ perHost: Infinity, shared });
    const cancellation = new Cancellation();
    expect(gate.enter('h', cancellation)).toBeUndefined();
    expect(shared.reserves).toBe(0);
    expect((cancellation as unknown as { controller?: AbortController }).controller).toBeUndefined();
    const waiting = gate.enter('h', new Cancellation());
    expect(waiting).toBeInstanceOf(Promise);
    await waiting;
    expect(shared.reserves).toBe(1);
  });

  it('not asked while this process holds the host back: a pause, an announced budget, a per-host limit, an adaptive limit', async () => {
    const paused = countingLimits(10);
    const gate = new HostGate({ perHost: Infinity, shared: paused });
    gate.pause('h', 60_000);
    const cancellation = new Cancellation();
    const entering = gate.enter('h', cancellation);
    expect(entering).toBeInstanceOf(Promise);
    expect(paused.takes).toBe(0);
    // The pause would be waited out first: cancel the wait.
    cancellation.abort(new AbortError());
    await expect(entering).rejects.toBeInstanceOf(AbortError);

    // A budget the host announced (its rate-limit headers) paces it here.
    const budgeted = countingLimits(10);
    const paced = new HostGate({ perHost: Infinity, shared: budgeted, rateLimitHeaders: { maxInFlightMs: 30_000 } });
    expect(paced.enter('h', new Cancellation())).toBeUndefined();
    const headers: Record<string, string> = { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': '60' };
    paced.answered('h', (name) => headers[name]);
    await paced.enter('h', new Cancellation());
    expect(budgeted.takes).toBe(1);

    for (const options of [{ perHost: 4 }, { perHost: Infinity, adaptiveMax: 8 }]) {
      const shared = countingLimits(10);
      const held = new HostGate({ ...options, shared });
      await held.enter('h', new Cancellation());
      expect(shared.takes).toBe(0);
      expect(shared.reserves).toBe(1);
    }
  });
});

describe('a shared circuit admission known at once is answered at once', () => {
  const breaker = { failures: 3, cooldown: 1000 };
  const sharing = (admission: CircuitAdmission | Promise<CircuitAdmission>) => ({ circuitAdmit: () => admission, circuitRecord: () => Promise.resolve() });

  it('closed: false (not a probe), not a promise; open: throws CircuitOpenError at once', () => {
    expect(new SharedCircuitBreaker(sharing({ state: 'closed' }), breaker, 1000).admit('h')).toBe(false);
    expect(() => new SharedCircuitBreaker(sharing({ state: 'open', failures: 3, retryInMs: 500 }), breaker, 1000).admit('h')).toThrow(CircuitOpenError);
  });

  it('asked of the other processes: a promise, as before', async () => {
    const admitted = new SharedCircuitBreaker(sharing(Promise.resolve({ state: 'probe' })), breaker, 1000).admit('h');
    expect(admitted).toBeInstanceOf(Promise);
    expect(await admitted).toBe(true);
  });
});
