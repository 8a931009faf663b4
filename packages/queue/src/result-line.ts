import { redactUrl, serializeResult, type FetchResult, type RequestInput } from '@fanout/core';

/** One input's NDJSON line for Redis, and whether it counts as failed. */
export interface ResultLine {
  readonly line: string;
  readonly failed: boolean;
}

/** Why a result became a failed line in the worker rather than in the core. */
export type WorkerFailureCode = 'ERESULTJSON' | 'ECHUNKFAILED';

/** A failed line for an input that has no result of its own (`ok: false`, `error.code`). */
export function failedLine(index: number, url: string, code: WorkerFailureCode, message: string, extra: Readonly<Record<string, unknown>> = {}): ResultLine {
  const name = code === 'ERESULTJSON' ? 'ResultNotSerializableError' : 'ChunkFailedError';
  return { line: JSON.stringify({ index, url: redactUrl(url), ok: false, ...extra, error: { name, code, message } }), failed: true };
}

/**
 * The result as the CLI's NDJSON line. A result that cannot be serialized (data nested
 * thousands deep overflows `JSON.stringify`'s stack) becomes one failed line with code
 * `ERESULTJSON`, never an error that would fail the whole chunk.
 */
export function resultLine(result: FetchResult, index: number): ResultLine {
  try {
    // The record, not the result, says whether it failed: serializeResult turns data it cannot
    // write (nested too deep) into a failed record.
    const record = serializeResult(result);
    // A fresh record each call: its index (the chunk's) becomes the job's in place, in the same
    // position, without copying every field per result.
    (record as { index: number }).index = index;
    return { line: JSON.stringify(record), failed: !record.ok };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const extra = result.status === undefined ? { attempts: result.attempts } : { status: result.status, attempts: result.attempts };
    return failedLine(index, result.url, 'ERESULTJSON', `the response could not be stored as JSON (${reason})`, extra);
  }
}

/** The URL of an input, for a failed line (never throws). */
export function inputUrl(input: RequestInput): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return typeof input === 'object' && input !== null && 'url' in input ? String(input.url) : '';
}
