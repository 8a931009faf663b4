
/**
 * Caps retries across a whole run, so a failing host cannot multiply the load: retries may
 * reach `minRetries + ratio * requests` and no more, `requests` being the inputs sent so far
 * (first attempts only).
 */
export class RetryBudget {
  private requests = 0;
  private retries = 0;

  constructor(
    private readonly ratio: number,
    private readonly minRetries: number,
  ) {}

  recordRequest(): void {
    this.requests++;
  }

  /** Takes one retry from the budget; false when it is spent. */
  tryTakeRetry(): boolean | Promise<boolean> {
    if (this.retries >= this.minRetries + this.ratio * this.requests) return false;
    this.retries++;
    return true;
  }
}
