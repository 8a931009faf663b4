/**
 * What a host announced in one response's rate-limit headers: `remaining` more requests (quota
 * units) until `resetMs` from now, and the window's whole quota when it said so.
 */
export interface AnnouncedBudget {
  readonly remaining: number;
  readonly resetMs: number;
  readonly limit?: number;
}

/** A non-negative integer count, or undefined. */
export function countOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A non-negative number of seconds, or undefined. */
export function secondsOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
