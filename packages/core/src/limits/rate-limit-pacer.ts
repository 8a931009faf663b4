import { RateLimitedError } from '../errors/rate-limited-error.js';
import type { Cancellation } from '../utils/cancellation.js';
import { clampDelay } from '../base/timer.js';
import { HostBudget, RESET_MARGIN_MS } from './host-budget.js';
import { readRateLimitHeaders, type HeaderLookup } from './read-rate-limit-headers.js';
import type { SharedLimits } from './shared-limits.js';
import { waitInLine } from './wait-in-line.js';

/** A host's budget with the requests waiting for it and the timer that wakes them. */
class PacedHost extends HostBudget {
  readonly waiters: Array<() => void> = [];
  timer: ReturnType<typeof setTimeout> | undefined;
  timerAt = Infinity;
  /** Answers not yet told to the shared limits. */
  reported = 0;

  wake(): void {
    for (const grant of this.waiters.splice(0)) grant();
  }

  stopTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }
}

/**
 * Paces requests per host by the budgets hosts announce in rate-limit response headers
 * (`RateLimit`/`RateLimit-Policy`, `RateLimit-Remaining`..., `X-RateLimit-Remaining`...): once
 * a host said it takes R more until its reset, at most R more go to it (those in flight
 * included) before then. A host that announces nothing costs a count of its requests in flight
 * (a map entry only while some are) and no promise. With `shared` limits that keep budgets,
 * each announcement is passed on so that every process paces by it.
 */
export class RateLimitPacer {
  /** Requests in flight to each host without a budget (no entry at zero). */
  private readonly inFlight = new Map<string, number>();
  private readonly budgets = new Map<string, PacedHost>();

  /**
   * @param maxInFlightMs how long any request can be in flight (the attempt timeout).
   * @param maxWaitMs the longest wait for a reset (`retry.maxRetryAfter`): a request whose wait
   * would be longer fails at once with `RateLimitedError`.
   */
  constructor(
    private readonly maxInFlightMs: number,
    private readonly shared?: SharedLimits,
    private readonly maxWaitMs = Infinity,
  ) {}

  /** Whether `host` announced a budget that paces it (counts nothing). */
  paces(host: string): boolean {
    return this.budgets.size !== 0 && this.budgets.has(host);
  }

  /** The fast path: counts a send to `host` and returns true when no budget holds it back. */
  admitFree(host: string): boolean {
    const paced = this.budgets.size === 0 ? undefined : this.budgets.get(host);
    if (paced === undefined) {
      this.inFlight.set(host, (this.inFlight.get(host) ?? 0) + 1);
      return true;
    }
    if (!paced.free) return false;
    paced.sent++;
    return true;
  }

  /**
   * Counts one more send to `host` once its budget lets it go: undefined when it may go at
   * once, else a promise that resolves then (rejects when `cancellation` aborts, or with
   * `RateLimitedError` when the wait is longer than `maxWaitMs`).
   */
  take(host: string, cancellation: Cancellation): Promise<void> | undefined {
    const paced = this.budgets.size === 0 ? undefined : this.budgets.get(host);
    if (paced === undefined) {
      this.admitFree(host);
      return undefined;
    }
    return paced.tryTake(performance.now()) === 0 ? undefined : this.waitForBudget(host, paced, cancellation);
  }

  /** A response from `host` came back: reads its rate-limit headers. */
  answered(host: string, header: HeaderLookup): void {
    const budget = readRateLimitHeaders(header);
    let paced = this.budgets.size === 0 ? undefined : this.budgets.get(host);
    if (paced === undefined) {
      const others = (this.inFlight.get(host) ?? 1) - 1;
      if (budget === undefined) {
        this.setInFlight(host, others);
        return;
      }
      // The first announcement: counting starts here, with the requests still in flight.
      paced = new PacedHost(this.maxInFlightMs);
      paced.sent = others + 1;
      this.inFlight.delete(host);
      this.budgets.set(host, paced);
    }
    paced.answer(performance.now(), budget);
    if (budget !== undefined && this.shared?.announceBudget) {
      this.shared.announceBudget(host, { ...budget, resetMs: budget.resetMs + RESET_MARGIN_MS }, paced.answered - paced.reported);
      paced.reported = paced.answered;
    }
    this.after(host, paced);
  }

  /** An attempt to `host` ended without a response (or was never sent after all). */
  unanswered(host: string): void {
    const paced = this.budgets.size === 0 ? undefined : this.budgets.get(host);
    if (paced === undefined) {
      this.setInFlight(host, (this.inFlight.get(host) ?? 1) - 1);
      return;
    }
    paced.fail();
    this.after(host, paced);
  }

  /** Notes how many requests to `host` are in flight, forgetting a host with none. */
  private setInFlight(host: string, inFlight: number): void {
    if (inFlight > 0) this.inFlight.set(host, inFlight);
    else this.inFlight.delete(host);
  }

  /** Wakes the host's waiters; forgets a budget that holds nothing back any more. */
  private after(host: string, paced: PacedHost): void {
    if (paced.waiters.length > 0) paced.wake();
    else if (paced.free) {
      paced.stopTimer();
      this.budgets.delete(host);
      this.setInFlight(host, paced.sent - paced.answered);
    }
  }

  private async waitForBudget(host: string, paced: PacedHost, cancellation: Cancellation): Promise<void> {
    for (let wait = paced.tryTake(performance.now()); wait > 0; wait = paced.tryTake(performance.now())) {
      if (wait > this.maxWaitMs + RESET_MARGIN_MS) throw new RateLimitedError(host, wait, this.maxWaitMs);
      const at = performance.now() + wait;
      if (paced.timer === undefined || at < paced.timerAt) {
        paced.stopTimer();
        paced.timerAt = at;
        paced.timer = setTimeout(() => {
          paced.timer = undefined;
          paced.timerAt = Infinity;
          paced.wake();
        }, clampDelay(wait));
      }
      try {
        await waitInLine(paced.waiters, cancellation);
      } catch (error) {
        if (paced.waiters.length === 0) paced.stopTimer();
        throw error;
      }
    }
  }
}
