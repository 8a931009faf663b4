import { describe, expect, it } from 'vitest';
import { parseLimitTriplet } from '../../src/limits/parse-limit-triplet.js';

const NOW = Date.UTC(2026, 10, 26, 0, 0, 0); // an epoch in ms

describe('parseLimitTriplet: RateLimit-Limit/-Remaining/-Reset and X-RateLimit-*', () => {
  it('reads Reset as delta seconds', () => {
    expect(parseLimitTriplet('60', '59', '42', NOW)).toEqual({ remaining: 59, resetMs: 42_000, limit: 60 });
    expect(parseLimitTriplet(undefined, '0', '0', NOW)).toEqual({ remaining: 0, resetMs: 0 });
    expect(parseLimitTriplet(undefined, ' 3 ', '1.5', NOW)).toEqual({ remaining: 3, resetMs: 1500 });
  });

  it('reads Reset as a Unix epoch in seconds when it is larger than now in seconds (GitHub)', () => {
    expect(parseLimitTriplet('5000', '4999', String(NOW / 1000 + 3600), NOW)).toEqual({ remaining: 4999, resetMs: 3_600_000, limit: 5000 });
    // A reset already in the past means now.
    expect(parseLimitTriplet(undefined, '0', String(NOW / 1000 + 0.5), NOW + 2000)).toEqual({ remaining: 0, resetMs: 0 });
  });

  it('reads an epoch in milliseconds too', () => {
    expect(parseLimitTriplet(undefined, '1', String(NOW + 2500), NOW)).toEqual({ remaining: 1, resetMs: 2500 });
  });

  it('takes the first quota of a Limit list (drafts 00-06: "10, 10;w=1, 50;w=60")', () => {
    expect(parseLimitTriplet('10, 10;w=1, 50;w=60', '9', '1', NOW)).toEqual({ remaining: 9, resetMs: 1000, limit: 10 });
  });

  it.each([
    ['10', '', '5'],
    ['10', '-1', '5'],
    ['10', 'abc', '5'],
    ['10', '1.5', '5'],
    ['10', '5', undefined],
    ['10', '5', ''],
    ['10', '5', '-3'],
    ['10', '5', 'Wed, 21 Oct 2015 07:28:00 GMT'],
    ['10', '5', '1e3'],
  ])('ignores a malformed triplet: limit %j, remaining %j, reset %j', (limit, remaining, reset) => {
    expect(parseLimitTriplet(limit, remaining, reset, NOW)).toBeUndefined();
  });

  it('ignores a malformed Limit but keeps the rest', () => {
    expect(parseLimitTriplet('lots', '5', '5', NOW)).toEqual({ remaining: 5, resetMs: 5000 });
  });
});
