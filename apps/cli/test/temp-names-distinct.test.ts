import { describe, expect, it } from 'vitest';
import { isTempName } from '../src/batch/temp-name-pattern.js';
import { tempDone, tempName } from '../src/batch/stale-temps.js';

describe('temporary file names', () => {
  it('are distinct and of the temporary pattern, past the batch of random bytes made ahead', () => {
    const names = Array.from({ length: 1000 }, () => tempName());
    expect(new Set(names).size).toBe(names.length);
    expect(names.every(isTempName)).toBe(true);
    for (const name of names) tempDone(name);
  });
});
