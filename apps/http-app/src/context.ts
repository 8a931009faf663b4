import type { FanoutOptions, Transport } from '@fanout/core';
import type { Logger } from 'pino';
import type { CallSlots } from './call-slots.js';
import type { AppMetrics } from './metrics.js';
import type { EmbeddedUpstream } from './upstream-shaping.js';

/** What each API call may use of the upstream. */
export interface CallLimits {
  /** Total upstream body bytes one call may read. */
  readonly byteBudget: number;
  /** Time limit of one call in milliseconds. */
  readonly deadlineMs: number;
  /** Bytes a stream may have waiting for its client before it is cut. */
  readonly streamBufferBytes: number;
}

/** What every handler shares. */
export interface AppContext {
  /** The only place the app fetches from (users send ids, never URLs). */
  readonly upstreamUrl: string;
  /** The shared keep-alive pool; each call wraps it with its own byte budget. */
  readonly transport: Transport;
  readonly metrics: AppMetrics;
  /** Per-request options for the core (timeout, retry). */
  readonly runOptions: FanoutOptions;
  readonly limits: CallLimits;
  /** The calls running now, and how many may. */
  readonly calls: CallSlots;
  /** The embedded demo upstream, which calls may shape; `undefined` with an external upstream. */
  readonly embeddedUpstream: EmbeddedUpstream | undefined;
}

/** One request being handled. */
export interface RequestScope {
  readonly url: URL;
  readonly log: Logger;
}
