import { afterEach, expect, it } from 'vitest';
import { clampDelay, fanout, MAX_TIMER_MS } from '../../src/index.js';
import { Cancellation } from '../../src/utils/cancellation.js';
import { sleep } from '../../src/utils/sleep.js';
import { AbortError } from '../../src/errors/abort-error.js';

const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(warning.name);
process.on('warning', onWarning);
afterEach(() => {
  warnings.length = 0;
});

it('clampDelay keeps every delay within [0, 2^31-1] ms', () => {
  expect(MAX_TIMER_MS).toBe(2 ** 31 - 1);
  expect([clampDelay(-5), clampDelay(Number.NaN), clampDelay(12.5), clampDelay(2 ** 31), clampDelay(Infinity), clampDelay(1e15)]).toEqual([0, 0, 12.5, MAX_TIMER_MS, MAX_TIMER_MS, MAX_TIMER_MS]);
});

it('a sleep of 1e15 ms (a value from outside) waits, instead of firing at once with TimeoutOverflowWarning', async () => {
  const cancellation = new Cancellation();
  let woke = false;
  const sleeping = sleep(1e15, cancellation).then(() => (woke = true), () => 'aborted');
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(woke).toBe(false);
  cancellation.abort(new AbortError());
  expect(await sleeping).toBe('aborted');
  expect(warnings).not.toContain('TimeoutOverflowWarning');
});

it('a timeout or a deadline longer than a timer holds is refused by name', () => {
  expect(() => fanout([], { timeout: 2 ** 31 })).toThrow(/Option timeout must be at most 2147483647/);
  expect(() => fanout([], { deadline: 1e15 })).toThrow(/Option deadline must be at most 2147483647/);
});
