/** The JSON form of any fanout error, as written in NDJSON lines and HTTP responses. */
export interface SerializedError {
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly status?: number;
}

/**
 * Base class of every error fanout reports. Each subclass has a literal `name` and a stable
 * machine-readable `code`, so callers branch on `code`, never on message text.
 */
export abstract class FanoutError extends Error {
  abstract override readonly name: string;
  abstract readonly code: string;

  toJSON(): SerializedError {
    return { name: this.name, code: this.code, message: this.message };
  }
}
