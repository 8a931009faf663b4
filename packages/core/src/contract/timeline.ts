import type { LimitPoint } from '../limits/limit-history.js';
import type { HostGate } from '../limits/host-gate.js';
import type { AttemptTiming } from '../transports/transport.js';
import { epoch } from '../utils/clock.js';

/**
 * One attempt on the wire: when it was sent (past every limit) and when its outcome came, epoch
 * ms; and, where the transport can tell, the phases in between.
 */
export interface AttemptSpan {
  readonly start: number;
  readonly end: number;
  /**
   * When the new connection this attempt opened was ready (TCP connected and, for https, the
   * TLS handshake done: the transports report the connection only then, so TLS is inside
   * `start`–`connected`). Absent when the attempt reused a kept-alive connection (or an HTTP/2
   * session), or when the transport cannot tell: http1 (HTTP/2 included) and undici tell; axios
   * does not (it does not show which socket a request got).
   */
  readonly connected?: number;
  /**
   * When the response's status line and headers arrived (the three built-in transports tell).
   * Absent when none did, or when a custom transport does not tell.
   */
  readonly firstByte?: number;
}

/**
 * What a request did over time, recorded only with the `timeline` option: the attempts' spans on
 * the wire, in order. Its `timing.start` is when it was queued and `timing.end` its outcome, so
 * everything between them that is not an attempt was waiting (for a slot, a rate limit, a
 * host's pause) or backing off between retries.
 */
export interface RequestTimeline {
  readonly attempts: readonly AttemptSpan[];
  /**
   * With `concurrency: 'auto'`: how the request's host's adaptive limit changed since the
   * previous result of that host was made (the host's first result also carries the limit it
   * started from), oldest first; absent when it did not change. The points of a host's results
   * put together, in the order the results were made, are the host's whole limit series (the
   * summary's `concurrencyLimits[host].series` is that, bounded).
   */
  readonly limit?: readonly LimitPoint[];
}

/** Slots per attempt in the flat array: start, connected, first byte, end. */
const STRIDE = 4;

/**
 * Attempt times of one request as it runs, on the `performance.now()` clock: a flat array
 * (start, connected, firstByte, end, ...; NaN where unknown), so recording costs four pushes
 * per attempt. It is also the attempt's {@link AttemptTiming} for the transport: phases that
 * arrive after the attempt ended are ignored.
 */
export class AttemptRecorder implements AttemptTiming {
  private readonly times: number[] = [];
  private open = false;

  started(at: number): void {
    this.times.push(at, NaN, NaN, NaN);
    this.open = true;
  }

  connected(at: number): void {
    // A connection ready before the attempt was sent was opened for another one.
    if (this.open && at >= (this.times[this.times.length - STRIDE] as number)) this.times[this.times.length - 3] = at;
  }

  firstByte(at: number): void {
    if (this.open) this.times[this.times.length - 2] = at;
  }

  ended(at: number): void {
    if (!this.open) return;
    this.times[this.times.length - 1] = at;
    this.open = false;
  }

  /** The recorded spans as epoch milliseconds. */
  toTimeline(): RequestTimeline {
    const attempts: AttemptSpan[] = [];
    for (let i = 0; i + STRIDE <= this.times.length; i += STRIDE) {
      const { times } = this;
      const start = times[i] as number;
      const connected = times[i + 1] as number;
      const firstByte = times[i + 2] as number;
      const end = times[i + 3] as number;
      if (Number.isNaN(end)) continue;
      const span: { start: number; end: number; connected?: number; firstByte?: number } = { start: epoch(start), end: epoch(end) };
      if (!Number.isNaN(connected)) span.connected = epoch(connected);
      if (!Number.isNaN(firstByte)) span.firstByte = epoch(firstByte);
      attempts.push(span);
    }
    return { attempts };
  }
}

/** `result` with its host's limit changes in its timeline (only with the `timeline` option: otherwise `gate` is not asked). */
export function withLimitChanges<R extends { readonly timeline?: RequestTimeline }>(result: R, gate: Pick<HostGate, 'limitChanges'>, host: string): R {
  const changes = result.timeline && gate.limitChanges(host);
  return changes ? { ...result, timeline: { ...result.timeline, limit: changes } } : result;
}
