import type { TransportName } from '@fanout/core';
import type { RequestConfig } from '../inputs/request-defaults.js';
import type { UpstreamChoice } from '../inputs/upstream-choice.js';
import type { BatchConfig } from './batch-options.js';
import type { NetworkFlags } from './network-options.js';
import type { StatusRange } from './ok-status.js';
import type { BodyType, OutputFormat } from './output-options.js';
import type { Mode, RunFlags } from './run-options.js';

export type { BodyType, Mode, OutputFormat, RequestConfig, UpstreamChoice };

/**
 * Everything `fanout run` was asked for, validated; the run flags as given, in core's shapes
 * (`concurrency` is a number, `'auto'`, or undefined for core's default), undefined where a flag
 * was not given. `fanoutOptions` turns it into core's options.
 */
export interface RunConfig extends Omit<RunFlags, 'mode' | 'ordered'> {
  readonly urls: readonly string[];
  readonly ids?: readonly number[];
  readonly file?: string;
  /** No inputs were given: run the demo (posts 1, 2, 3 compared). */
  readonly demo: boolean;
  readonly upstream: UpstreamChoice;
  readonly request: RequestConfig;
  readonly network: NetworkFlags;
  readonly mode: Mode;
  readonly ordered: boolean;
  readonly fields?: readonly string[];
  readonly body: BodyType;
  readonly output: OutputFormat;
  readonly quiet: boolean;
  readonly progress: boolean;
  /** `-i`: response headers on each result. */
  readonly include: boolean;
  /** `--ok-status`: statuses besides 2xx that are ok results. */
  readonly okStatus?: readonly StatusRange[];
  readonly transport: TransportName;
  /** Long batches: --journal, --max-failures, --output-dir. */
  readonly batch: BatchConfig;
}

export const LIVE_URL = 'https://jsonplaceholder.typicode.com';
export const DEMO_IDS: readonly number[] = [1, 2, 3];
export const DEMO_LATENCY = 150;
