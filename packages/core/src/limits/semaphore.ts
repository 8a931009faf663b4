import type { Cancellation } from '../utils/cancellation.js';

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
    await new Promise<void>((resolve, reject) => {
      let off = (): void => undefined;
      const grant = () => {
        off();
        resolve();
      };
      this.waiters.push(grant);
      off = cancellation.onAbort((reason) => {
        const at = this.waiters.indexOf(grant);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(reason);
      });
    });
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
