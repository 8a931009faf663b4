/**
 * The longest delay Node's timers take: 2^31 - 1 ms (24.8 days). A longer one (or a non-finite
 * one) is set to 1 ms with a `TimeoutOverflowWarning`, so an absurd value would fire at once and
 * spin.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * A delay any timer can take: `ms` within `[0, MAX_TIMER_MS]` (NaN and negatives are 0, longer
 * ones and `Infinity` are cut to 24.8 days). Every `setTimeout` fed by a value from outside
 * (a header, Redis, argv, an option) goes through it; a wait that must last longer loops.
 *
 * @example
 * setTimeout(wake, clampDelay(resetMs)) // never a TimeoutOverflowWarning
 */
export function clampDelay(ms: number): number {
  return ms > 0 ? Math.min(ms, MAX_TIMER_MS) : 0;
}
