import { expect, it } from 'vitest';
import { RateLimitPacer } from '../../src/limits/rate-limit-pacer.js';

const none = () => undefined;

it('keeps nothing for a host that announces no budget once its requests ended (memory stays bounded by what is in flight)', () => {
  const pacer = new RateLimitPacer(10_000);
  for (let i = 0; i < 1000; i++) {
    expect(pacer.admitFree(`host-${i}.test`)).toBe(true);
    if (i % 2) pacer.answered(`host-${i}.test`, none);
    else pacer.unanswered(`host-${i}.test`);
  }
  const inner = pacer as unknown as { inFlight: Map<string, number>; budgets: Map<string, unknown> };
  expect(inner.inFlight.size).toBe(0);
  expect(inner.budgets.size).toBe(0);
});
