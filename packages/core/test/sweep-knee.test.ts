import { describe, expect, it } from 'vitest';
import { kneeOf, sweepConcurrencies } from '../src/stats/sweep.js';

const level = (concurrency: number, throughput: number) => ({ concurrency, throughput, p95: 10 });

describe('sweep levels and the knee', () => {
  it('levels double from 1 and end at the maximum given', () => {
    expect(sweepConcurrencies(1)).toEqual([1]);
    expect(sweepConcurrencies(64)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(sweepConcurrencies(20)).toEqual([1, 2, 4, 8, 16, 20]);
  });

  it('the knee is the lowest level reaching 90 % of the top throughput, even when a later level is the top', () => {
    expect(kneeOf([level(1, 10), level(2, 20), level(4, 38), level(8, 40), level(16, 41)])).toBe(4);
    expect(kneeOf([level(1, 10), level(2, 20), level(4, 35), level(8, 40)])).toBe(8);
    expect(kneeOf([level(1, 50), level(2, 30)])).toBe(1);
  });
});
