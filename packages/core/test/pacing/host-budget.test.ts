import { describe, expect, it } from 'vitest';
import { HostBudget, RESET_MARGIN_MS } from '../../src/limits/host-budget.js';

/** Sends as many as the budget lets go at `now`; returns how many went. */
function drain(budget: HostBudget, now: number): number {
  let sent = 0;
  while (budget.tryTake(now) === 0) sent++;
  return sent;
}

describe('HostBudget: at most R more (those in flight included) until the reset', () => {
  it('is free until a host announces; requests in flight count against R', () => {
    const budget = new HostBudget(10_000);
    expect(budget.free).toBe(true);
    budget.sent = 16; // the first burst, sent before anything was known
    budget.answer(0, { remaining: 19, resetMs: 1000, limit: 20 });
    expect(budget.free).toBe(false);
    expect(drain(budget, 1)).toBe(4); // 15 still in flight: 20 in the window in all
    expect(budget.tryTake(1)).toBe(1000 + RESET_MARGIN_MS - 1);
  });

  it('a stale (reordered) answer never raises the budget of its window', () => {
    const budget = new HostBudget(10_000);
    budget.sent = 3;
    budget.answer(0, { remaining: 2, resetMs: 1000 }); // cap 1 + 2 = 3
    budget.answer(1, { remaining: 4, resetMs: 1000 }); // stale: 2 + 4 = 6, but the window's cap stays 3
    expect(drain(budget, 2)).toBe(0);
  });

  it('after the reset sends the quota minus what is in flight, then waits for news', () => {
    const budget = new HostBudget(10_000);
    budget.sent = 5;
    for (let i = 0; i < 5; i++) budget.answer(0, { remaining: 4 - i, resetMs: 1000, limit: 5 });
    expect(drain(budget, 10)).toBe(0);
    const after = 1000 + RESET_MARGIN_MS;
    expect(drain(budget, after)).toBe(5);
    budget.answer(after + 1, { remaining: 4, resetMs: 1000, limit: 5 }); // 4 still in flight
    expect(drain(budget, after + 2)).toBe(0);
  });

  it('without a known quota, one probe goes after the reset', () => {
    const budget = new HostBudget(10_000);
    budget.sent = 1;
    budget.answer(0, { remaining: 0, resetMs: 1000 });
    expect(drain(budget, 1500)).toBe(1);
  });

  it('is free again after a response without headers once its windows ended, or after maxInFlightMs without news', () => {
    const budget = new HostBudget(5000);
    budget.sent = 1;
    budget.answer(0, { remaining: 0, resetMs: 1000, limit: 2 });
    expect(drain(budget, 1200)).toBe(2);
    budget.answer(1300, undefined);
    expect(budget.free).toBe(true);

    const quiet = new HostBudget(5000);
    quiet.sent = 1;
    quiet.answer(0, { remaining: 0, resetMs: 1000, limit: 1 });
    expect(drain(quiet, 1200)).toBe(1);
    quiet.fail(); // its one request failed: no news will come
    expect(drain(quiet, 1300)).toBe(0);
    expect(quiet.tryTake(6200)).toBe(0);
    expect(quiet.free).toBe(true);
  });

  it('a response without headers inside an announced window changes nothing', () => {
    const budget = new HostBudget(10_000);
    budget.sent = 1;
    budget.answer(0, { remaining: 1, resetMs: 1000 });
    budget.answer(10, undefined);
    expect(drain(budget, 20)).toBe(1);
  });
});
