import { FanoutError, serializeResult, type FailedResult, type FetchResult } from '@fanout/core';

/** A result's data could not be written as JSON (nested too deeply, for example). */
export class UnserializableResultError extends FanoutError {
  override readonly name = 'UnserializableResultError' as const;
  readonly code = 'ESERIALIZE' as const;

  constructor(cause: unknown) {
    super(`The upstream response cannot be sent as JSON: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Where a result sits in its run: the post id it fetched, and when its run began (epoch ms). */
export interface RunPlace {
  readonly ids: readonly number[];
  readonly origin: number;
}

/** The time now as epoch milliseconds, on the clock of results' `timing`. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** A result and its JSON record, as sent to the client. */
export interface ResultJson {
  readonly result: FetchResult;
  readonly json: string;
}

/**
 * The result's JSON record: the library's `serializeResult`, as text, with the post `id` first and
 * `startMs` (when it was queued, ms since its run began, 0.1 ms) last, so that a page can draw it
 * on a timeline from `startMs` to `startMs + ms` (`queuedMs` of it waiting). When it cannot be
 * written, the result becomes a failed one with `UnserializableResultError` (`ESERIALIZE`), so
 * that it is counted, sent and summarised as failed: never a 500, never a crash.
 */
export function resultJson(result: FetchResult, place: RunPlace): ResultJson {
  const id = place.ids[result.index];
  const startMs = Math.round(Math.max(0, result.timing.start - place.origin) * 10) / 10;
  try {
    return { result, json: JSON.stringify({ id, ...serializeResult(result), startMs }) };
  } catch (error) {
    const failed: FailedResult = {
      index: result.index,
      url: result.url,
      ok: false,
      status: result.status,
      attempts: result.attempts,
      timing: result.timing,
      error: new UnserializableResultError(error),
    };
    return { result: failed, json: JSON.stringify({ id, ...serializeResult(failed), startMs }) };
  }
}
