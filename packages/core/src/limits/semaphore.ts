import type { Cancellation } from '../utils/cancellation.js';
import { waitInLine } from './wait-in-line.js';

/** A counting semaphore whose waiters can give up through a cancellation. FIFO. */
export class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Waits for a slot; resolves to the function that frees it (call it exactly once). */
  async acquire(cancellation: Cancellation): Promise<() => void> {
    if (this.active < this.limit) {
      this.active++;
      return this.releaser();
    }
    await waitInLine(this.waiters, cancellation);
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next();
      else this.active--;
    };
  }
}
