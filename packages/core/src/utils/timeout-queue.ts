import type { FanoutError } from '../errors/fanout-error.js';
import type { Cancellation } from './cancellation.js';
import { clampDelay } from '../base/timer.js';

/**
 * Timeouts of one length for many attempts, on one timer. Every entry lasts the same `ms` on a
 * monotonic clock, so entries expire in the order they were added: one timer, armed for the
 * oldest live entry, serves them all. Adding and clearing cost an array slot each (no `Timeout`
 * object, no closure per attempt). The timer is cleared whenever no entry is live, so an idle
 * queue never keeps the process alive.
 *
 * @example
 * const ticket = queue.add(cancellation, performance.now()); // aborts it in `ms` ...
 * queue.clear(ticket); // ... unless cleared first
 */
export class TimeoutQueue {
  private readonly cancellations: (Cancellation | undefined)[] = [];
  private readonly deadlines: number[] = [];
  /** Index of the oldest entry that may still be live. */
  private head = 0;
  /** The ticket of index 0. */
  private base = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The deadline the timer was armed for: whatever the clock says when it fires, that one is due. */
  private armedFor = 0;

  constructor(
    private readonly ms: number,
    private readonly reason: () => FanoutError,
  ) {}

  /** Aborts `cancellation` with `reason()` `ms` after `now` (`performance.now()`) unless cleared first; gives its ticket. */
  add(cancellation: Cancellation, now: number): number {
    const ticket = this.base + this.cancellations.length;
    this.cancellations.push(cancellation);
    this.deadlines.push(now + this.ms);
    if (this.timer === undefined) this.arm(now);
    return ticket;
  }

  /** The attempt of `ticket` ended: it will not be aborted. */
  clear(ticket: number): void {
    const at = ticket - this.base;
    if (at < this.head || at >= this.cancellations.length) return;
    this.cancellations[at] = undefined;
    if (at === this.head) this.dropCleared();
  }

  /** Drops every entry and the timer. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.base += this.cancellations.length;
    this.cancellations.length = 0;
    this.deadlines.length = 0;
    this.head = 0;
  }

  private readonly expire = (): void => {
    this.timer = undefined;
    const now = performance.now();
    const due = Math.max(now, this.armedFor);
    while (this.head < this.cancellations.length && (this.deadlines[this.head] as number) <= due) {
      const cancellation = this.cancellations[this.head];
      this.cancellations[this.head] = undefined;
      this.head++;
      cancellation?.abort(this.reason());
    }
    this.dropCleared();
    if (this.head < this.cancellations.length) this.arm(now);
  };

  private arm(now: number): void {
    if (this.timer !== undefined) return;
    const deadline = this.deadlines[this.head] as number;
    // Past Node's longest timer, wake at its end and arm again: nothing is due before the deadline.
    const delay = clampDelay(deadline - now);
    this.armedFor = Math.min(deadline, now + delay);
    this.timer = setTimeout(this.expire, delay);
  }

  /** Moves `head` past cleared entries; compacts the arrays; stops the timer once none is live. */
  private dropCleared(): void {
    const { cancellations } = this;
    while (this.head < cancellations.length && cancellations[this.head] === undefined) this.head++;
    if (this.head === cancellations.length) {
      this.base += cancellations.length;
      cancellations.length = 0;
      this.deadlines.length = 0;
      this.head = 0;
      clearTimeout(this.timer);
      this.timer = undefined;
    } else if (this.head >= 1024 && this.head * 2 >= cancellations.length) {
      this.base += this.head;
      cancellations.splice(0, this.head);
      this.deadlines.splice(0, this.head);
      this.head = 0;
    }
  }
}
