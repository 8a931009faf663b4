import type { Cancellation } from '../utils/cancellation.js';
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
}

/**
 * Paces requests per host by the budgets hosts announce in rate-limit response headers
 * (`RateLimit`/`RateLimit-Policy`, `RateLimit-Remaining`..., `X-RateLimit-Remaining`...): once
 * a host said it takes R more until its reset, at most R more go to it (those in flight
 * included) before then. Hosts that announce nothing cost a map lookup per request and per
 * response, and no promise. With `shared` limits that keep budgets, each announcement is passed
 * on so that every process paces by it.
 */
export class RateLimitPacer {
  private readonly hosts = new Map<string, PacedHost>();

  /** @param settleMs how long any request can be in flight (the attempt timeout). */
  constructor(
    private readonly settleMs: number,
    private readonly shared?: SharedLimits,
  ) {}

  /** The fast path: counts a send to `host` and returns true when no budget holds it back. */
  admitFree(host: string): boolean {
    const paced = this.host(host);
    if (!paced.free) return false;
    paced.sent++;
    return true;
  }

  /** Waits until the host's budget lets one more request go, and counts it. */
  async take(host: string, cancellation: Cancellation): Promise<void> {
    const paced = this.host(host);
    for (let wait = paced.tryTake(performance.now()); wait > 0; wait = paced.tryTake(performance.now())) {
      await this.waitFor(paced, wait, cancellation);
    }
  }

  /** A response from `host` came back: reads its rate-limit headers. */
  answered(host: string, header: HeaderLookup): void {
    const budget = readRateLimitHeaders(header);
    const paced = this.hosts.get(host);
    if (paced === undefined) return;
    paced.answer(performance.now(), budget);
    if (budget !== undefined && this.shared?.announceBudget) {
      this.shared.announceBudget(host, { ...budget, resetMs: budget.resetMs + RESET_MARGIN_MS }, paced.answered - paced.reported);
      paced.reported = paced.answered;
    }
    if (paced.waiters.length > 0) paced.wake();
  }

  /** An attempt to `host` ended without a response. */
  failed(host: string): void {
    const paced = this.hosts.get(host);
    if (paced === undefined) return;
    paced.fail();
    if (paced.waiters.length > 0) paced.wake();
  }

  private host(host: string): PacedHost {
    let paced = this.hosts.get(host);
    if (paced === undefined) {
      paced = new PacedHost(this.settleMs);
      this.hosts.set(host, paced);
    }
    return paced;
  }

  private async waitFor(paced: PacedHost, ms: number, cancellation: Cancellation): Promise<void> {
    const at = performance.now() + ms;
    if (paced.timer === undefined || at < paced.timerAt) {
      clearTimeout(paced.timer);
      paced.timerAt = at;
      paced.timer = setTimeout(() => {
        paced.timer = undefined;
        paced.timerAt = Infinity;
        paced.wake();
      }, ms);
    }
    try {
      await waitInLine(paced.waiters, cancellation);
    } catch (error) {
      if (paced.waiters.length === 0) {
        clearTimeout(paced.timer);
        paced.timer = undefined;
        paced.timerAt = Infinity;
      }
      throw error;
    }
  }
}
