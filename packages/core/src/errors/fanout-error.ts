import { FANOUT_ERROR_BRAND, hasFanoutBrand } from './brand.js';
import type { FanoutErrorCode } from './fanout-error-code.js';
import { redactUrl } from '../base/redact-url.js';
import { serializeCause, type SerializedCause } from './serialize-cause.js';

/** The JSON form of any fanout error, as written in NDJSON lines and HTTP responses. */
export interface SerializedError {
  readonly name: string;
  readonly code: FanoutErrorCode;
  readonly message: string;
  /** `HttpError` only: the status received. */
  readonly status?: number;
  /** `HttpError` only: the start of the response body (at most 1024 characters, `…` marks a cut), when it had one. */
  readonly body?: string;
  /** What caused it (a system error, a TLS error, ...), three levels at most. */
  readonly cause?: SerializedCause;
}

/** How many levels of `cause` a serialised error carries. */
const CAUSE_DEPTH = 3;

/**
 * Base class of every error fanout reports. Each subclass has a literal `name` and a stable
 * machine-readable `code`, so callers branch on `code`, never on message text. `cause` is kept
 * (and serialised). `instanceof` works across two copies of the package: it checks the
 * `Symbol.for('fanout.error')` brand and the `name` (as `isFanoutError` does).
 */
export abstract class FanoutError extends Error {
  abstract override readonly name: string;
  abstract readonly code: FanoutErrorCode;
  declare readonly [FANOUT_ERROR_BRAND]: true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(redactUrl(message), options); // every message may name a URL: never its password
    Object.defineProperty(this, FANOUT_ERROR_BRAND, { value: true });
  }

  /** `error instanceof HttpError` is true for an `HttpError` of any copy of `@fanout/core`. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (!hasFanoutBrand(value)) return false;
    return this === FanoutError || value.name === this.name;
  }

  /** Fields a subclass adds to its JSON form (after `message`, before `cause`). */
  protected details(): { readonly status?: number; readonly body?: string } {
    return {};
  }

  toJSON(): SerializedError {
    const cause = serializeCause(this.cause, CAUSE_DEPTH);
    const json = { name: this.name, code: this.code, message: this.message, ...this.details() };
    return cause ? { ...json, cause } : json;
  }
}
