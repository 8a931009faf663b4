import { epoch } from './utils/clock.js';

/** One attempt on the wire: when it was sent (past every limit) and when its outcome came, epoch ms. */
export interface AttemptSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * What a request did over time, recorded only with the `timeline` option: the attempts' spans on
 * the wire, in order. Its `timing.start` is when it was queued and `timing.end` its outcome, so
 * everything between them that is not an attempt was waiting (for a slot, a rate limit, a
 * host's pause) or backing off between retries.
 */
export interface RequestTimeline {
  readonly attempts: readonly AttemptSpan[];
}

/**
 * Attempt times of one request as it runs, on the `performance.now()` clock: a flat array
 * (start, end, start, end, ...), so recording costs two pushes per attempt.
 */
export class AttemptRecorder {
  private readonly times: number[] = [];

  started(at: number): void {
    this.times.push(at);
  }

  ended(at: number): void {
    this.times.push(at);
  }

  /** The recorded spans as epoch milliseconds. */
  toTimeline(): RequestTimeline {
    const attempts: AttemptSpan[] = [];
    for (let i = 0; i + 1 < this.times.length; i += 2) attempts.push({ start: epoch(this.times[i] as number), end: epoch(this.times[i + 1] as number) });
    return { attempts };
  }
}
