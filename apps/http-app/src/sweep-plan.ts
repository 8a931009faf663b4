import { sweepConcurrencies, type FanoutOptions } from '@fanout/core';
import { AppError } from './app-error.js';
import type { UpstreamSettings } from './upstream-shaping.js';

/** A sweep may plan on this share of the call's deadline; the rest is left for the work around the requests. */
export const SWEEP_DEADLINE_SHARE = 0.8;

/** Core's retry defaults the app's run options may leave out (see `RetryOptions`). */
const RETRY_DEFAULTS = { limit: 2, base: 100, max: 30_000 } as const;

/** How long one request can take at most against the embedded upstream, ms: every attempt and every backoff. */
export function worstRequestMs(settings: UpstreamSettings, runOptions: FanoutOptions): number {
  const retry = typeof runOptions.retry === 'number' ? { limit: runOptions.retry } : (runOptions.retry ?? {});
  const limit = retry.limit ?? RETRY_DEFAULTS.limit;
  const base = retry.backoff?.base ?? RETRY_DEFAULTS.base;
  const max = retry.backoff?.max ?? RETRY_DEFAULTS.max;
  const timeout = runOptions.timeout ?? Infinity;
  // An attempt ends at its answer or at its timeout; it is tried again when it may fail on purpose or times out.
  const attemptMs = Math.min(settings.latency, timeout);
  const retries = settings.failRate > 0 || settings.latency >= timeout ? limit : 0;
  let backoffMs = 0;
  for (let n = 0; n < retries; n++) backoffMs += Math.min(max, base * 2 ** n);
  return (retries + 1) * attemptMs + backoffMs;
}

/** Rounds of requests a sweep of `count` inputs up to `maxConcurrency` makes, one level after the other. */
export function sweepRounds(count: number, maxConcurrency: number): number {
  return sweepConcurrencies(maxConcurrency).reduce((rounds, concurrency) => rounds + Math.ceil(count / concurrency), 0);
}

/** The longest a sweep of `count` inputs up to `maxConcurrency` can take against the embedded upstream, ms. */
export function worstSweepMs(count: number, maxConcurrency: number, settings: UpstreamSettings, runOptions: FanoutOptions): number {
  return sweepRounds(count, maxConcurrency) * worstRequestMs(settings, runOptions);
}

/** The most inputs whose sweep up to `maxConcurrency` fits in `budgetMs` (0 when not even one does). */
export function largestSweep(maxConcurrency: number, settings: UpstreamSettings, runOptions: FanoutOptions, budgetMs: number, maxCount: number): number {
  let count = 0;
  while (count < maxCount && worstSweepMs(count + 1, maxConcurrency, settings, runOptions) <= budgetMs) count++;
  return count;
}

/**
 * Refuses (400 `ESWEEPTOOLONG`) a sweep against the embedded upstream that could not finish in
 * {@link SWEEP_DEADLINE_SHARE} of the call's deadline at the call's latency and failure rate
 * (every attempt and backoff counted), so that a sweep the page starts either ends with every
 * level (and its knee) or is refused before it runs. The message says how many ids fit.
 */
export function checkSweepFits(count: number, maxConcurrency: number, settings: UpstreamSettings, runOptions: FanoutOptions, deadlineMs: number, maxCount: number): void {
  const budgetMs = SWEEP_DEADLINE_SHARE * deadlineMs;
  const worstMs = worstSweepMs(count, maxConcurrency, settings, runOptions);
  if (worstMs <= budgetMs) return;
  const fits = largestSweep(maxConcurrency, settings, runOptions, budgetMs, maxCount);
  const shaping = `${settings.latency} ms latency${settings.failRate > 0 ? ` and failRate ${settings.failRate} (each request retried)` : ''}`;
  const advice = fits > 0 ? `use at most ${fits} ids at these settings, or a lower latency` : 'lower the latency or the concurrency';
  throw new AppError(
    400,
    'ESWEEPTOOLONG',
    `A sweep of ${count} ids up to concurrency ${maxConcurrency} at ${shaping} can take ${(worstMs / 1000).toFixed(1)} s, more than the ${(budgetMs / 1000).toFixed(1)} s it may plan on (${SWEEP_DEADLINE_SHARE * 100} % of the ${deadlineMs / 1000} s time limit): ${advice}`,
  );
}
