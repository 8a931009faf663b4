import { describe, expect, it } from 'vitest';
import { parseRateLimitField } from '../../src/limits/parse-ratelimit-field.js';

describe('parseRateLimitField: the IETF RateLimit field with RateLimit-Policy', () => {
  it('reads drafts 08+ (a List): "name";r=R;t=T, the quota q from the policy of the same name', () => {
    expect(parseRateLimitField('"default";r=50;t=30', '"default";q=100;w=60')).toEqual({ remaining: 50, resetMs: 30_000, limit: 100 });
    expect(parseRateLimitField('"default"; r=50; t=30', undefined)).toEqual({ remaining: 50, resetMs: 30_000 });
    expect(parseRateLimitField('"default";r=999;t=5;pk=:dHJpYWw=:', undefined)).toEqual({ remaining: 999, resetMs: 5000 });
  });

  it('takes the window w of the policy of that name when t is left out', () => {
    expect(parseRateLimitField('"perhr";r=10', '"permin";q=50;w=60, "perhr";q=1000;w=3600')).toEqual({ remaining: 10, resetMs: 3_600_000, limit: 1000 });
  });

  it('with several policies takes the fewest remaining (then the longest reset)', () => {
    expect(parseRateLimitField('"burst";r=5;t=1, "daily";r=900;t=80000', undefined)).toEqual({ remaining: 5, resetMs: 1000 });
    expect(parseRateLimitField('"a";r=0;t=1, "b";r=0;t=60', undefined)).toEqual({ remaining: 0, resetMs: 60_000 });
  });

  it('reads draft 07 (a Dictionary): limit=, remaining=, reset=', () => {
    expect(parseRateLimitField('limit=100, remaining=50, reset=5', '100;w=10')).toEqual({ remaining: 50, resetMs: 5000, limit: 100 });
    expect(parseRateLimitField('remaining=0, reset=7', '10;w=60')).toEqual({ remaining: 0, resetMs: 7000, limit: 10 });
  });

  it.each([
    ['', undefined],
    ['"default";r=-1;t=30', undefined],
    ['"default";r=abc;t=30', undefined],
    ['"default";r=1.5;t=30', undefined],
    ['"default";t=30', undefined],
    ['"default";r=5', undefined],
    ['"default";r=5;t=-2', undefined],
    ['"unterminated;r=5;t=3', undefined],
    ['limit=100, reset=5', undefined],
    ['limit=100, remaining=5', undefined],
    ['remaining="5", reset=5', undefined],
    [',,,', undefined],
    ['"x";r=5;t=3', '"x";q=oops'],
  ])('ignores a malformed value: %j (policy %j)', (field, policy) => {
    if (field === '"x";r=5;t=3') expect(parseRateLimitField(field, policy)).toEqual({ remaining: 5, resetMs: 3000 });
    else expect(parseRateLimitField(field, policy)).toBeUndefined();
  });
});
