/**
 * Epoch milliseconds (sub-millisecond precision) of a `performance.now()` reading, so that
 * durations and timestamps come from one monotonic clock.
 */
export function epoch(performanceNow: number): number {
  return performance.timeOrigin + performanceNow;
}
