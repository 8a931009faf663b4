import { FanoutError } from './fanout-error.js';

/**
 * The host's circuit breaker is open: its last attempts failed to connect or timed out one after
 * another, so this request failed at once without being sent. A probe request is let through
 * after the cool-down; when it succeeds, the host's requests go again.
 */
export class CircuitOpenError extends FanoutError {
  override readonly name = 'CircuitOpenError' as const;
  readonly code = 'ECIRCUITOPEN' as const;

  /**
   * @param host the `host[:port]` whose circuit is open.
   * @param failures how many attempts in a row had failed when the circuit opened.
   * @param retryInMs milliseconds until the next probe may go.
   */
  constructor(
    readonly host: string,
    readonly failures: number,
    readonly retryInMs: number,
  ) {
    super(`Circuit open for ${host} after ${failures} failed attempts in a row; not sent (next probe in ${Math.ceil(retryInMs)} ms)`);
  }
}
