import type { AttemptRecorder } from '../contract/timeline.js';

/**
 * What one request did, counted as it happens: attempts sent, time spent waiting for limits
 * (per-host slot, rate limits, a host's pause) and time on the wire, and whether the retry budget
 * refused it a retry. One small object per request, filled in by the attempts.
 */
export class RequestTally {
  /** Attempts that were actually sent (past every limit). */
  attempts = 0;
  /** Milliseconds spent waiting to be sent: for a concurrency slot, and at the host gate. */
  queuedMs: number;
  /** Milliseconds on the wire, summed over the attempts: no queueing, no backoff. */
  wireMs = 0;
  /** The retry budget refused the retry this request's failure called for. */
  retryBudgetExhausted = false;
  /** With `followRedirects`: the URL last sent to (credentials removed), and the redirects that led there. */
  finalUrl: string | undefined;
  redirects = 0;
  /** HTTP requests sent so far for this input (attempts and their redirects). */
  sent = 0;

  constructor(
    queuedMs = 0,
    /** Records each attempt's span on the wire; only with the `timeline` option. */
    readonly recorder?: AttemptRecorder,
  ) {
    this.queuedMs = queuedMs;
  }
}
