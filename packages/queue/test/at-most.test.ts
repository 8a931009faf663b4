import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { atMost } from '../src/at-most.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('atMost(call, ms): a bounded wait for a best-effort call', () => {
  it('resolves when the call settles, and leaves no timer behind to keep the process alive', async () => {
    await atMost(Promise.resolve('done'), 2000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves (never rejects) when the call fails', async () => {
    await expect(atMost(Promise.reject(new Error('Redis is gone')), 2000)).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves once the time is up when the call never settles', async () => {
    let ended = false;
    const wait = atMost(new Promise(() => undefined), 2000).then(() => (ended = true));
    await vi.advanceTimersByTimeAsync(1999);
    expect(ended).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await wait;
    expect(ended).toBe(true);
  });
});
