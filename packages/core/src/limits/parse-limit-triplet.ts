import type { AnnouncedBudget } from './announced-budget.js';

const COUNT = /^\s*(\d{1,15})\s*(?:[,;]|$)/;
/** Past this many seconds (31 years) a Reset is an epoch even if behind our clock: a past one means now. */
const EPOCH_FLOOR = 1e9;
const SECONDS = /^\s*(\d{1,15}(?:\.\d+)?)\s*$/;

/**
 * Reads a `Limit` / `Remaining` / `Reset` triplet: `RateLimit-Limit/-Remaining/-Reset` (drafts
 * 00-06 of the IETF ratelimit-headers draft) and `X-RateLimit-Limit/-Remaining/-Reset`. Reset
 * is delta seconds, or a Unix epoch in seconds when it is larger than now in seconds (as GitHub
 * sends it; in milliseconds past 1e12; an epoch behind our clock means now). A Limit that is a list (`10, 10;w=1`) gives its first
 * quota. Undefined when remaining or reset is missing or malformed; never throws.
 * @param nowMs the time now as a Unix epoch in milliseconds
 */
export function parseLimitTriplet(limit: string | undefined, remaining: string, reset: string | undefined, nowMs: number): AnnouncedBudget | undefined {
  const left = COUNT.exec(remaining);
  const resetMatch = reset === undefined ? null : SECONDS.exec(reset);
  if (left === null || resetMatch === null) return undefined;
  const resetValue = Number(resetMatch[1]);
  let resetMs: number;
  if (resetValue > 1e12) resetMs = resetValue - nowMs;
  else if (resetValue > nowMs / 1000 || resetValue > EPOCH_FLOOR) resetMs = resetValue * 1000 - nowMs;
  else resetMs = resetValue * 1000;
  const quota = limit === undefined ? null : COUNT.exec(limit);
  const budget = { remaining: Number(left[1]), resetMs: Math.max(0, resetMs) };
  return quota === null ? budget : { ...budget, limit: Number(quota[1]) };
}
