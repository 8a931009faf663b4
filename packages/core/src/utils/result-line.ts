import type { SerializedError } from '../errors/fanout-error.js';
import { isSinkRecord } from '../body-sink.js';
import type { FetchResult } from '../result.js';

/** The flat JSON record of one result: the CLI's NDJSON line and the HTTP app's result. */
export type ResultLine =
  | { index: number; url: string; ok: true; status: number; attempts: number; ms: number; data: unknown }
  | { index: number; url: string; ok: true; status: number; attempts: number; ms: number; [stored: string]: unknown }
  | { index: number; url: string; ok: false; status?: number; attempts: number; ms: number; error: SerializedError };

/**
 * Flattens a result into its public record, `ms` rounded to 0.1.
 *
 * @example
 * JSON.stringify(toResultLine(result))
 * // {"index":0,"url":"…","ok":true,"status":200,"attempts":1,"ms":12.3,"data":{…}}
 */
export function toResultLine(result: FetchResult): ResultLine {
  const ms = Math.round(result.timing.ms * 10) / 10;
  if (result.ok) {
    // A body stored by a `sink`: its record's fields (e.g. file, bytes, sha256) instead of `data`.
    if (isSinkRecord(result.data)) return { index: result.index, url: result.url, ok: true, status: result.status, attempts: result.attempts, ms, ...result.data };
    return { index: result.index, url: result.url, ok: true, status: result.status, attempts: result.attempts, ms, data: result.data };
  }
  const base = { index: result.index, url: result.url, ok: false as const };
  const error = result.error.toJSON();
  return result.status === undefined
    ? { ...base, attempts: result.attempts, ms, error }
    : { ...base, status: result.status, attempts: result.attempts, ms, error };
}
