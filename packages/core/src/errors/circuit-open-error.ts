import { FanoutError } from './fanout-error.js';

/**
 * The host's circuit breaker is open: its last attempts failed to connect or timed out one after
 * another, so this request failed at once without being sent. A probe request is let through
 * after the cool-down; when it succeeds, the host's requests go again. Its `cause` is the failure
 * that opened the circuit (`ENOTFOUND`, `ECONNREFUSED`, `ETIMEDOUT`, ...), serialised as
 * `error.cause: { name, code, message }`, so a mistyped or dead host can be told apart.
 */
export class CircuitOpenError extends FanoutError {
  override readonly name = 'CircuitOpenError' as const;
  readonly code = 'ECIRCUITOPEN' as const;

  /**
   * @param host the `host[:port]` whose circuit is open.
   * @param failures how many attempts in a row had failed when the circuit opened.
   * @param retryInMs milliseconds until the next probe may go.
   * @param options.cause the failure that opened the circuit, when known.
   */
  constructor(
    readonly host: string,
    readonly failures: number,
    readonly retryInMs: number,
    options?: { cause?: unknown },
  ) {
    super(`Circuit open for ${host} after ${failures} failed attempts in a row${lastFailure(options?.cause)}; not sent (next probe in ${Math.ceil(retryInMs)} ms)`, options);
  }
}

/** ` (last: ECONNREFUSED)`: the code of the failure that opened the circuit, when it has one. */
function lastFailure(cause: unknown): string {
  const code = (cause as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? ` (last: ${code})` : '';
}
