import { describe, expect, it } from 'vitest';
import { fullJitterBackoff } from '../src/utils/backoff.js';
import { pickFields } from '../src/utils/pick-fields.js';
import { parseRetryAfter } from '../src/utils/retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads seconds and HTTP dates, clamped to [0, cap]', () => {
    expect(parseRetryAfter('2', 30_000, now)).toBe(2000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', 30_000, now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', 30_000, now)).toBe(0);
    expect(parseRetryAfter('86400', 30_000, now)).toBe(30_000);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(undefined, 1000)).toBeUndefined();
    expect(parseRetryAfter('soon', 1000)).toBeUndefined();
  });
});

describe('fullJitterBackoff', () => {
  it('is random in [0, min(cap, base * 2^n))', () => {
    expect(fullJitterBackoff(3, 100, 10_000, () => 0.999)).toBeCloseTo(799.2);
    expect(fullJitterBackoff(20, 100, 10_000, () => 0.5)).toBe(5000);
    expect(fullJitterBackoff(0, 100, 10_000, () => 0)).toBe(0);
  });
});

describe('pickFields', () => {
  it('keeps named and dotted fields, maps arrays, drops missing ones', () => {
    const post = { id: 1, title: 't', body: 'b', user: { name: 'n', age: 3 } };
    expect(pickFields(post, ['title', 'user.name', 'nope'])).toEqual({ title: 't', user: { name: 'n' } });
    expect(pickFields([post, post], ['id'])).toEqual([{ id: 1 }, { id: 1 }]);
  });
});
