import { isSinkRecord } from '../sink/body-sink.js';
import type { SerializedError } from '../errors/fanout-error.js';
import { ParseError } from '../errors/parse-error.js';
import { DEFAULT_MAX_JSON_DEPTH, isTooDeep } from '../utils/json-depth.js';
import type { FailedResult, FetchResult } from './result.js';
import { redactUrl } from '../base/redact-url.js';
import { round1 } from '../utils/round.js';

interface SerializedBase {
  readonly index: number;
  /** The URL, its password redacted. */
  readonly url: string;
  readonly attempts: number;
  /** Total time, ms (0.1 ms). */
  readonly ms: number;
  /** Waiting for slots, rate limits and host pauses, ms (0.1 ms). */
  readonly queuedMs: number;
  /** On the wire, all attempts summed, ms (0.1 ms). */
  readonly wireMs: number;
  /** The response's headers, lower-case names: only with the `includeHeaders` option. */
  readonly headers?: Readonly<Record<string, string>>;
  /** With `followRedirects` (`-L`): the URL the last request went to, password redacted. */
  readonly finalUrl?: string;
  /** With `followRedirects` (`-L`): redirects followed. */
  readonly redirects?: number;
}

/**
 * The JSON record of one result: the CLI's NDJSON line, the HTTP app's result, what
 * `@fanout/queue` stores. Fields are only ever added.
 */
export type SerializedResult =
  | (SerializedBase & { readonly ok: true; readonly status: number; readonly data: unknown })
  /** A body stored by a `sink`: its record's fields (e.g. `file`, `bytes`, `sha256`) instead of `data`. */
  | (SerializedBase & { readonly ok: true; readonly status: number; readonly [stored: string]: unknown })
  | (SerializedBase & {
      readonly ok: false;
      readonly status?: number;
      readonly error: SerializedError;
      /** Present (`true`) when the retry budget refused the retry this failure called for. */
      readonly retryBudgetExhausted?: true;
    });

/**
 * A result as its public JSON record: times rounded to 0.1 ms, `queuedMs` and `wireMs` next to
 * the total `ms`, the URL's password redacted, the error with its `cause`. Never throws, and
 * gives a record `JSON.stringify` can write: data nested deeper than 512 levels that was not
 * parsed by fanout (a caller's own, a sink's record) makes it a failed record with `ParseError`
 * code `EJSONDEPTH` instead.
 *
 * @example
 * JSON.stringify(serializeResult(result))
 * // {"index":0,"url":"…","ok":true,"status":200,"attempts":1,"ms":12.3,"queuedMs":0,"wireMs":12.1,"data":{…}}
 */
export function serializeResult(result: FetchResult): SerializedResult {
  const record = serializeFields(result);
  return result.finalUrl === undefined ? record : withRedirectFields(record, redactUrl(result.finalUrl), result.redirects ?? 0);
}

function serializeFields(result: FetchResult): SerializedResult {
  const { index, attempts, timing } = result;
  const url = redactUrl(result.url);
  const ms = round1(timing.ms);
  const queuedMs = round1(timing.queuedMs);
  const wireMs = round1(timing.wireMs);
  if (result.ok && isTooDeep(result.data, DEFAULT_MAX_JSON_DEPTH)) {
    const failed: FailedResult = { index, url: result.url, ok: false, status: result.status, attempts, timing, error: ParseError.tooDeep(DEFAULT_MAX_JSON_DEPTH, 'Result data') };
    return serializeResult(failed);
  }
  const headers = result.headers === undefined ? undefined : { headers: result.headers };
  if (result.ok && isSinkRecord(result.data)) return { index, url, ok: true, status: result.status, attempts, ms, queuedMs, wireMs, ...headers, ...result.data };
  if (result.ok) return { index, url, ok: true, status: result.status, attempts, ms, queuedMs, wireMs, ...headers, data: result.data };
  const error = result.error.toJSON();
  const line =
    result.status === undefined
      ? { index, url, ok: false as const, attempts, ms, queuedMs, wireMs, error }
      : { index, url, ok: false as const, status: result.status, attempts, ms, queuedMs, wireMs, ...headers, error };
  return result.retryBudgetExhausted ? { ...line, retryBudgetExhausted: true } : line;
}

/** `record` with `finalUrl` and `redirects` right after `wireMs` (keys keep their order in JSON). */
function withRedirectFields(record: SerializedResult, finalUrl: string, redirects: number): SerializedResult {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    out[key] = value;
    if (key === 'wireMs') {
      out.finalUrl = finalUrl;
      out.redirects = redirects;
    }
  }
  return out as SerializedResult;
}
