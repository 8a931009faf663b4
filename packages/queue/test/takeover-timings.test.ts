import { describe, expect, it } from 'vitest';
import { lockTimings } from '../src/index.js';

describe("BullMQ's lock settings for --lock-ms", () => {
  it('bound a dead worker chunk takeover by lockMs: lock expiry + two stalled-check intervals', () => {
    for (const lockMs of [500, 2000, 30_000, 3_600_000]) {
      const { lockDuration, stalledInterval, bound } = lockTimings(lockMs);
      expect(bound).toBe(lockDuration + 2 * stalledInterval);
      expect(bound).toBeLessThanOrEqual(lockMs);
      // A mark (first check after the last renewal) comes before the lock can expire.
      expect(lockDuration).toBeGreaterThanOrEqual(2 * stalledInterval);
      // Renewed (every lockDuration / 2) well before it expires.
      expect(lockDuration / 2).toBeGreaterThanOrEqual(lockMs / 4);
    }
  });
});
