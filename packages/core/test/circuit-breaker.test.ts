import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CircuitBreaker } from '../src/limits/circuit-breaker.js';
import { CircuitOpenError, fanout, HttpError, NetworkError, TimeoutError } from '../src/index.js';

const refused = () => new NetworkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9');

describe('circuit breaker (state machine, fake clock)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens after N connection failures in a row, lets one probe through after the cool-down, closes on its success', () => {
    const breaker = new CircuitBreaker({ failures: 3, cooldown: 10_000 });
    for (let i = 0; i < 3; i++) {
      expect(breaker.admit('dead:1')).toBe(false);
      breaker.recordFailure('dead:1', refused(), false);
    }
    expect(() => breaker.admit('dead:1')).toThrow(CircuitOpenError);
    expect(breaker.admit('other:1')).toBe(false); // per host

    vi.advanceTimersByTime(9_999);
    expect(() => breaker.admit('dead:1')).toThrow(/Circuit open for dead:1 after 3 failed attempts/);
    vi.advanceTimersByTime(1);
    expect(breaker.admit('dead:1')).toBe(true); // the probe
    expect(() => breaker.admit('dead:1')).toThrow(CircuitOpenError); // only one probe at a time
    breaker.recordSuccess('dead:1');
    expect(breaker.admit('dead:1')).toBe(false);
  });

  it('a failed probe opens the circuit for another cool-down', () => {
    const breaker = new CircuitBreaker({ failures: 1, cooldown: 1_000 });
    breaker.recordFailure('h:1', new TimeoutError(100), false);
    vi.advanceTimersByTime(1_000);
    expect(breaker.admit('h:1')).toBe(true);
    breaker.recordFailure('h:1', refused(), true);
    vi.advanceTimersByTime(999);
    expect(() => breaker.admit('h:1')).toThrow(CircuitOpenError);
    vi.advanceTimersByTime(1);
    expect(breaker.admit('h:1')).toBe(true);
  });

  it('HTTP errors are answers: they neither count nor open; a response resets the count', () => {
    const breaker = new CircuitBreaker({ failures: 2, cooldown: 1_000 });
    breaker.recordFailure('h:1', refused(), false);
    breaker.recordSuccess('h:1');
    breaker.recordFailure('h:1', refused(), false);
    breaker.recordFailure('h:1', new HttpError(500), false);
    expect(breaker.admit('h:1')).toBe(false);
  });

  it('rejects bad thresholds with a RangeError naming the value', () => {
    expect(() => fanout([], { circuitBreaker: { failures: 0 } })).toThrow('Option circuitBreaker.failures must be an integer >= 1, got 0');
    expect(() => fanout([], { circuitBreaker: { cooldown: -1 } })).toThrow('Option circuitBreaker.cooldown must be a number >= 0, got -1');
    expect(() => fanout([], { circuitBreaker: false })).not.toThrow();
  });
});
