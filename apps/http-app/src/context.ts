import type { FanoutOptions, Transport } from '@fanout/core';
import type { Logger } from 'pino';
import type { AppMetrics } from './metrics.js';

/** What every handler shares. */
export interface AppContext {
  /** The only place the app fetches from (users send ids, never URLs). */
  readonly upstreamUrl: string;
  readonly transport: Transport;
  readonly metrics: AppMetrics;
  /** Per-request options for the core (timeout, retries). */
  readonly runOptions: FanoutOptions;
}

/** One request being handled. */
export interface RequestScope {
  readonly url: URL;
  readonly log: Logger;
}
