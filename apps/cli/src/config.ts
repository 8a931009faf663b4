import type { HttpMethod, RequestInput, TransportName } from '@fanout/core';
import type { BatchConfig } from './batch/batch-options.js';
import type { NetworkFlags } from './options/network-options.js';
import type { StatusRange } from './options/ok-status.js';
import type { BodyType, OutputFormat } from './options/output-options.js';
import type { Mode, RunFlags } from './options/run-options.js';

export type { BodyType, Mode, OutputFormat };

/** Where the requests go when inputs are ids (or for the demo with no inputs). */
export type UpstreamChoice = { kind: 'embedded'; latency: number; failRate: number } | { kind: 'url'; url: string; live: boolean };

/** Where a body flag's text comes from: given inline, a file, or stdin (`@-`). */
export type BodySource = { kind: 'text'; text: string } | { kind: 'file'; path: string } | { kind: 'stdin' };

/** The request flags, checked but not yet read (files and stdin are read when the command runs). */
export interface RequestConfig {
  /** `-X`; undefined means GET, or POST when there is a body. */
  readonly method?: HttpMethod;
  /** `-H` values and `-H @FILE` files, in order. Values are secrets: never printed. */
  readonly headers: readonly string[];
  readonly body?: { readonly source: BodySource; readonly json: boolean };
  readonly user?: string;
  readonly bearer?: string;
  readonly followRedirects: boolean;
  /** `-A`; undefined: core's default (`fanout/<version>`). */
  readonly userAgent?: string;
}

/** Everything `fanout run` was asked for, validated; the run flags as given. */
export interface RunConfig extends Omit<RunFlags, 'mode' | 'ordered' | 'concurrency'> {
  /** The requests in flight at most (with `--concurrency auto`, its bound). */
  readonly concurrency: number;
  /** `--concurrency auto`: adaptive limits per host. */
  readonly autoConcurrency: boolean;
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

/** One input as the command line gives it: a request, and for `--file` lines the line number. */
export interface InputItem {
  readonly input: RequestInput;
  /** 1-based line of `--file`. */
  readonly line?: number;
  /** Why the line is not a request (it fails without being sent). No secrets: never the line's text. */
  readonly problem?: string;
}

export const LIVE_URL = 'https://jsonplaceholder.typicode.com';
export const DEMO_IDS: readonly number[] = [1, 2, 3];
export const DEMO_LATENCY = 150;
