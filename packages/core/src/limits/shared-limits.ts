/**
 * Limits kept outside this process, so that several processes (workers on several machines)
 * are together as polite as one: the rate limits, the per-host pause after a `Retry-After`,
 * and the retry budget. `@fanout/queue` implements it on Redis.
 *
 * @example
 * fanout(urls, { perHostRate: 10, sharedLimits: redisLimits }) // 10/s per host across all workers
 */
export interface SharedLimits {
  /**
   * Books the next send slot for `host` under the run's `rate` and `perHostRate` and any pause
   * of the host; resolves to how many milliseconds to wait before sending.
   */
  reserve(host: string): Promise<number>;
  /** Holds back every request to `host`, in every process, for `ms`. */
  pause(host: string, ms: number): void;
  /** Counts one input sent (the retry budget's base). */
  recordRequest(): void;
  /** Takes one retry from the shared budget; false when it is spent. */
  tryTakeRetry(): Promise<boolean>;
  /**
   * Takes one of `limit` slots for requests in flight to `host`, shared by every process (the
   * run's `perHost`); resolves to its release, rejects when `signal` aborts. Optional: without
   * it, `perHost` holds per process.
   */
  acquireHost?(host: string, limit: number, signal: AbortSignal): Promise<() => void>;
}
