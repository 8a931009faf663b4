import type { Cancellation } from '../utils/cancellation.js';
import type { VegasLimit } from './vegas-limit.js';
import { waitInLine } from './wait-in-line.js';

/** Frees an adaptive slot and tells the limit how the attempt went (`dropped`: a 429, 503 or timeout). */
export type AdaptiveRelease = (dropped: boolean) => void;

/**
 * Slots for one host whose number a {@link VegasLimit} sets as attempts finish: each release
 * feeds the limit the attempt's latency and whether it was dropped, then lets waiters in
 * while there is room under the (new) limit. FIFO; waiters can give up through a cancellation.
 */
export class AdaptiveSlots {
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(readonly limit: VegasLimit) {}

  async acquire(cancellation: Cancellation): Promise<AdaptiveRelease> {
    if (this.active < this.limit.limit && this.waiters.length === 0) this.active++;
    // Taken at the grant, so nobody slips in before the waiter runs.
    else await waitInLine(this.waiters, cancellation, () => this.active++);
    const inFlight = this.active;
    const start = performance.now();
    let released = false;
    return (dropped) => {
      if (released) return;
      released = true;
      this.active--;
      this.limit.sample(performance.now() - start, inFlight, dropped);
      this.admit();
    };
  }

  private admit(): void {
    while (this.active < this.limit.limit) {
      const next = this.waiters.shift();
      if (!next) return;
      next();
    }
  }
}
