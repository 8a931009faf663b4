/**
 * Exponential backoff with full jitter: a random delay in `[0, min(capMs, baseMs * 2^retry))`.
 * `retry` counts from 0 for the first retry.
 *
 * @example
 * fullJitterBackoff(3, 100, 10_000) // somewhere in [0, 800)
 */
export function fullJitterBackoff(retry: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  return random() * Math.min(capMs, baseMs * 2 ** retry);
}
