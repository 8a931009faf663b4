import { clampDelay } from '../base/timer.js';
import type { AnnouncedBudget } from './announced-budget.js';
import { parseLimitTriplet } from './parse-limit-triplet.js';
import { parseRateLimitField } from './parse-ratelimit-field.js';

/** Looks a response header up by its lower-case name. */
export type HeaderLookup = (name: string) => string | undefined;

/**
 * The budget a response announces, from the first of these that is present and well formed:
 * `RateLimit` (+ `RateLimit-Policy`), `RateLimit-Remaining` (+ `-Limit`, `-Reset`), then
 * `X-RateLimit-Remaining` (+ `-Limit`, `-Reset`). Three header lookups and no allocation when a
 * response carries none of them. Never throws: a malformed field is ignored. A reset is kept
 * to at most 24.8 days (Node's longest timer).
 * @param nowMs the time now as a Unix epoch in milliseconds (for an epoch `Reset`; default `Date.now()`)
 */
export function readRateLimitHeaders(header: HeaderLookup, nowMs?: number): AnnouncedBudget | undefined {
  const budget = readAny(header, nowMs);
  // An absurd reset (an epoch in the year 3000) stays a number every timer and Redis can hold.
  return budget === undefined || budget.resetMs <= MAX_RESET_MS ? budget : { ...budget, resetMs: MAX_RESET_MS };
}

/** The longest reset kept (24.8 days): any longer one is past every wait fanout takes anyway. */
const MAX_RESET_MS = clampDelay(Infinity);

function readAny(header: HeaderLookup, nowMs: number | undefined): AnnouncedBudget | undefined {
  try {
    const field = header('ratelimit');
    const fromField = field === undefined ? undefined : parseRateLimitField(field, header('ratelimit-policy'));
    if (fromField !== undefined) return fromField;
    const remaining = header('ratelimit-remaining');
    const fromTriplet = remaining === undefined ? undefined : parseLimitTriplet(header('ratelimit-limit'), remaining, header('ratelimit-reset'), nowMs ?? Date.now());
    if (fromTriplet !== undefined) return fromTriplet;
    const xRemaining = header('x-ratelimit-remaining');
    return xRemaining === undefined ? undefined : parseLimitTriplet(header('x-ratelimit-limit'), xRemaining, header('x-ratelimit-reset'), nowMs ?? Date.now());
  } catch {
    return undefined;
  }
}
