import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { RESET_MARGIN_MS } from '../../src/limits/host-budget.js';
import { RateLimitPacer } from '../../src/limits/rate-limit-pacer.js';
import { Cancellation } from '../../src/utils/cancellation.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('a request over the announced budget waits for the reset (plus the margin), on the fake clock', async () => {
  const pacer = new RateLimitPacer(10_000);
  const headers: Record<string, string> = { ratelimit: '"w";r=0;t=2' };
  expect(pacer.admitFree('h')).toBe(true);
  pacer.answered('h', (name) => headers[name]);
  expect(pacer.admitFree('h')).toBe(false);

  let went = false;
  const waiting = pacer.take('h', new Cancellation());
  expect(waiting).toBeInstanceOf(Promise);
  const taking = waiting?.then(() => (went = true));
  await vi.advanceTimersByTimeAsync(2000 + RESET_MARGIN_MS - 10);
  expect(went).toBe(false);
  await vi.advanceTimersByTimeAsync(20);
  await taking;
  expect(went).toBe(true);
});
