/** How the demo upstream behaves. Every option can be changed while it runs with `configure`. */
export interface UpstreamBehaviour {
  /**
   * Fixed delay before each data response, in milliseconds.
   * @default 0
   */
  readonly latency: number;
  /**
   * Extra random delay, uniform in `[0, jitter)` milliseconds.
   * @default 0
   */
  readonly jitter: number;
  /**
   * Share of data requests (0–1) that fail on purpose.
   * @default 0
   */
  readonly failRate: number;
  /**
   * How an injected failure looks: an HTTP status, or `'reset'` to destroy the connection.
   * @default 500
   */
  readonly failWith: number | 'reset';
  /**
   * Seed of the random source for jitter and faults, for repeatable runs.
   * @default 1
   */
  readonly seed: number;
}

/** Where the demo upstream listens, and how it behaves. */
export interface DemoUpstreamOptions extends Partial<UpstreamBehaviour> {
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
}

export const BEHAVIOUR_DEFAULTS: UpstreamBehaviour = { latency: 0, jitter: 0, failRate: 0, failWith: 500, seed: 1 };
