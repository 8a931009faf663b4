import { FanoutError, serializeResult, type FailedResult, type FetchResult } from '@fanout/core';

/** A result's data could not be written as JSON (nested too deeply, for example). */
export class UnserializableResultError extends FanoutError {
  override readonly name = 'UnserializableResultError' as const;
  readonly code = 'ESERIALIZE' as const;

  constructor(cause: unknown) {
    super(`The upstream response cannot be sent as JSON: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** A result and its JSON record, as sent to the client. */
export interface ResultJson {
  readonly result: FetchResult;
  readonly json: string;
}

/**
 * The result's JSON record (the library's `serializeResult`, as text). When it cannot be
 * written, the result becomes a failed one with `UnserializableResultError` (`ESERIALIZE`), so
 * that it is counted, sent and summarised as failed: never a 500, never a crash.
 */
export function resultJson(result: FetchResult): ResultJson {
  try {
    return { result, json: JSON.stringify(serializeResult(result)) };
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
    return { result: failed, json: JSON.stringify(serializeResult(failed)) };
  }
}
