import type { TransportName } from '@fanout/core';
import type { BatchConfig } from './batch/batch-options.js';

/** Where the requests go when inputs are ids (or for the demo with no inputs). */
export type UpstreamChoice = { kind: 'embedded'; latency: number; failRate: number } | { kind: 'url'; url: string; live: boolean };

export type Mode = 'concurrent' | 'sequential' | 'compare';
export type OutputFormat = 'text' | 'json' | 'ndjson';

/** Everything the command line asked for, validated. */
export interface CliConfig {
  readonly urls: readonly string[];
  readonly ids?: readonly number[];
  readonly file?: string;
  /** No inputs were given: run the demo (posts 1, 2, 3 compared). */
  readonly demo: boolean;
  readonly upstream: UpstreamChoice;
  readonly mode: Mode;
  readonly concurrency: number;
  readonly timeout: number;
  readonly retries: number;
  readonly perHost?: number;
  readonly rate?: number;
  readonly perHostRate?: number;
  readonly ordered: boolean;
  readonly fields?: readonly string[];
  readonly output: OutputFormat;
  readonly quiet: boolean;
  readonly progress: boolean;
  readonly transport: TransportName;
  /** Long batches: --journal, --max-failures. */
  readonly batch: BatchConfig;
}

export const LIVE_URL = 'https://jsonplaceholder.typicode.com';
export const DEMO_IDS: readonly number[] = [1, 2, 3];
