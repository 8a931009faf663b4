import { expect, it } from 'vitest';
import { RateLimitPacer } from '../../src/limits/rate-limit-pacer.js';
import { AbortError } from '../../src/errors/abort-error.js';
import { Cancellation } from '../../src/utils/cancellation.js';

it('requests already in flight when a host first announces count against its remaining', () => {
  const pacer = new RateLimitPacer(10_000);
  for (let i = 0; i < 16; i++) expect(pacer.admitFree('h')).toBe(true); // the first wave, nothing known yet
  const headers: Record<string, string> = { 'x-ratelimit-limit': '20', 'x-ratelimit-remaining': '19', 'x-ratelimit-reset': '60' };
  pacer.answered('h', (name) => headers[name]); // 15 still in flight: 4 more may go

  expect(pacer.admitFree('h')).toBe(false);
  const cancellation = new Cancellation();
  const admitted = Array.from({ length: 6 }, () => pacer.take('h', cancellation));
  expect(admitted.map((taking) => taking === undefined)).toEqual([true, true, true, true, false, false]);
  cancellation.abort(new AbortError('done'));
  return Promise.allSettled(admitted);
});
