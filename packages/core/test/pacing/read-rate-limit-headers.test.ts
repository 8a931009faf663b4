import { describe, expect, it } from 'vitest';
import { readRateLimitHeaders } from '../../src/limits/read-rate-limit-headers.js';

const lookup = (headers: Record<string, string>) => (name: string) => headers[name];

describe('readRateLimitHeaders: which family a response uses', () => {
  it('reads nothing (and looks up three headers only) when none is sent', () => {
    const asked: string[] = [];
    expect(readRateLimitHeaders((name) => (asked.push(name), undefined))).toBeUndefined();
    expect(asked).toEqual(['ratelimit', 'ratelimit-remaining', 'x-ratelimit-remaining']);
  });

  it('prefers RateLimit, then RateLimit-Remaining, then X-RateLimit-Remaining; a malformed one falls through', () => {
    const all = { ratelimit: '"p";r=1;t=1', 'ratelimit-remaining': '2', 'ratelimit-reset': '2', 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '3' };
    expect(readRateLimitHeaders(lookup(all))).toEqual({ remaining: 1, resetMs: 1000 });
    expect(readRateLimitHeaders(lookup({ ...all, ratelimit: 'garbage;;' }))).toEqual({ remaining: 2, resetMs: 2000 });
    expect(readRateLimitHeaders(lookup({ ...all, ratelimit: 'x', 'ratelimit-reset': 'soon' }))).toEqual({ remaining: 3, resetMs: 3000 });
  });

  it('never throws, whatever the lookup does', () => {
    expect(
      readRateLimitHeaders(() => {
        throw new Error('boom');
      }),
    ).toBeUndefined();
  });
});
