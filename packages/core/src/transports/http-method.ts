/**
 * The HTTP methods fanout sends, written once: `HttpMethod` is made from this list, and the
 * CLI's `-X` and spec lines check against it.
 */
export const HTTP_METHODS = ['GET', 'HEAD', 'OPTIONS', 'DELETE', 'PUT', 'POST', 'PATCH'] as const;

/** Methods whose request may be sent twice (RFC 9110 §9.2.2): retried by default, re-sent after a stale connection. */
export const IDEMPOTENT_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'] as const satisfies readonly (typeof HTTP_METHODS)[number][];

/**
 * HTTP methods fanout sends. By default only the idempotent ones (all but POST and PATCH) are
 * retried, and POST or PATCH with an `Idempotency-Key` header (see `RetryOptions.methods`).
 */
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Whether `name` (already upper-case) is one of {@link HTTP_METHODS}. */
export function isHttpMethod(name: unknown): name is HttpMethod {
  return (HTTP_METHODS as readonly unknown[]).includes(name);
}
