import type { AnnouncedBudget } from './announced-budget.js';

/** Held back past an announced reset, for clock skew and a server that rounds its reset down. */
export const RESET_MARGIN_MS = 100;

/** At most this many sends in all (`sent`) until `until` (ms, `performance.now()` clock). */
interface Cap {
  readonly total: number;
  readonly until: number;
}

/**
 * The rate-limit budget one host announced, as pure bookkeeping (time is passed in). Sends and
 * answers are counted from the host's first request, so an announcement of R remaining becomes
 * a cap of `answered + R` sends in all: requests still in flight count against R. Caps of
 * several announcements are kept as a staircase (a later reset with a higher cap), so a stale
 * or reordered response never raises the budget of its window. When every announced window has
 * ended, the host's quota (or one probe when it never said it) goes minus what is in flight,
 * until a new announcement, a response without one, or `maxInFlightMs` (after which every request
 * that was in flight has ended) sets it free again.
 */
export class HostBudget {
  /** Sends admitted, in all. */
  sent = 0;
  /** Attempts that ended (answered or failed), in all. */
  answered = 0;
  private caps: Cap[] = [];
  private limit: number | undefined;
  private fallbackTotal: number | undefined;
  private fallbackUntil = 0;

  constructor(private readonly maxInFlightMs: number) {}

  /** True while no announced budget holds the host back (the fast path). */
  get free(): boolean {
    return this.caps.length === 0 && this.fallbackTotal === undefined;
  }

  /** 0 when one more send may go now (it is counted); else ms to wait before asking again. */
  tryTake(now: number): number {
    this.expire(now);
    const first = this.caps[0];
    const total = first ? first.total : this.fallbackTotal;
    if (total === undefined || this.sent < total) {
      this.sent++;
      return 0;
    }
    return Math.max(1, (first ? first.until : this.fallbackUntil) - now);
  }

  /** A response came back, with the budget it announced, if any. */
  answer(now: number, budget: AnnouncedBudget | undefined): void {
    this.answered++;
    if (budget === undefined) {
      // No announcement: the host does not (or no longer) limits us once its windows ended.
      this.expire(now);
      if (this.caps.length === 0) this.fallbackTotal = undefined;
      return;
    }
    if (budget.limit !== undefined) this.limit = budget.limit;
    this.fallbackTotal = undefined;
    this.add({ total: this.answered + budget.remaining, until: now + budget.resetMs + RESET_MARGIN_MS });
  }

  /** An attempt ended without a response (it may or may not have been counted by the host). */
  fail(): void {
    this.answered++;
  }

  /** Drops the caps whose window ended; after the last, the guess until news comes. */
  private expire(now: number): void {
    if (this.caps.length === 0) {
      if (this.fallbackTotal !== undefined && now >= this.fallbackUntil) this.fallbackTotal = undefined;
      return;
    }
    let ended = 0;
    for (const cap of this.caps) {
      if (cap.until > now) break;
      ended++;
    }
    if (ended === 0) return;
    this.caps.splice(0, ended);
    if (this.caps.length === 0) {
      this.fallbackTotal = this.answered + (this.limit ?? 1);
      this.fallbackUntil = now + this.maxInFlightMs;
    }
  }

  /** Adds a cap to the staircase unless a stricter one covers it; drops those it covers. */
  private add(cap: Cap): void {
    if (this.caps.some((c) => c.until >= cap.until && c.total <= cap.total)) return;
    this.caps = this.caps.filter((c) => !(c.until <= cap.until && c.total >= cap.total));
    const at = this.caps.findIndex((c) => c.until > cap.until);
    if (at < 0) this.caps.push(cap);
    else this.caps.splice(at, 0, cap);
  }
}
