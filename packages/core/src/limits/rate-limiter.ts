/**
 * Spaces events evenly at `perSecond`, allowing a burst of one: each `reserve()` books the next
 * free slot and returns how long to wait for it. Booked slots are not refunded.
 */
export class RateLimiter {
  private nextFree = 0;
  private readonly interval: number;

  constructor(perSecond: number) {
    this.interval = 1000 / perSecond;
  }

  reserve(now = performance.now()): number {
    const at = Math.max(now, this.nextFree);
    this.nextFree = at + this.interval;
    return at - now;
  }
}
