import { serializeResult, type FetchResult } from '@fanout/core';

/** Where a result sits in its run: the post id it fetched, and when its run began (epoch ms). */
export interface RunPlace {
  readonly ids: readonly number[];
  readonly origin: number;
}

/** The time now as epoch milliseconds, on the clock of results' `timing`. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * The result's JSON record: the library's `serializeResult`, as text, with the post `id` first and
 * `startMs` (when it was queued, ms since its run began, 0.1 ms) last, so that a page can draw it
 * on a timeline from `startMs` to `startMs + ms` (`queuedMs` of it waiting). It never throws:
 * `serializeResult` gives a record `JSON.stringify` can write (data nested too deeply is a failed
 * record, `EJSONDEPTH`).
 */
export function resultJson(result: FetchResult, place: RunPlace): string {
  const id = place.ids[result.index];
  const startMs = Math.round(Math.max(0, result.timing.start - place.origin) * 10) / 10;
  return JSON.stringify({ id, ...serializeResult(result), startMs });
}
