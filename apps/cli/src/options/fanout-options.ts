import { defaults, type FanoutOptions } from '@fanout/core';
import type { RequestDefaults } from '../inputs/request-defaults.js';
import type { RunConfig } from './config.js';
import { okStatusOf } from './ok-status.js';

/** What the long-batch flags add to a stream run's options (`--output-dir`'s sink). */
export type BatchOptions = Pick<FanoutOptions, 'sink' | 'maxBodyBytes'>;

/**
 * The core options of a run, built once from the command line and handed to every mode: what
 * the flags set and nothing more (a flag not given leaves core's default, which the CLI never
 * writes again). `--mode sequential` is concurrency 1; the batch's sink is for a stream run
 * only (compare and sweep run the inputs more than once and write no files).
 */
export function fanoutOptions(config: RunConfig, request: RequestDefaults, batch: BatchOptions): FanoutOptions {
  const stream = config.mode === 'concurrent' || config.mode === 'sequential';
  return {
    concurrency: config.mode === 'sequential' ? 1 : config.concurrency,
    timeout: config.timeout,
    deadline: config.deadline,
    retry: {
      limit: config.retries,
      statusCodes: config.retryOn,
      budget: config.retryBudget === undefined ? undefined : { ratio: config.retryBudget },
    },
    perHost: config.perHost,
    rate: config.rate,
    perHostRate: config.perHostRate,
    ordered: config.ordered,
    fields: config.fields,
    headers: request.headers,
    followRedirects: request.followRedirects,
    responseType: config.body,
    timeline: config.timeline,
    speedLimit: config.network.speedLimit,
    speedTime: config.network.speedTime,
    includeHeaders: config.include,
    okStatus: config.okStatus && okStatusOf(config.okStatus),
    ...(stream ? batch : {}),
  };
}

/** The requests in flight at most with these options: `concurrency`, or with `'auto'` its bound (core's defaults when not set). */
export function highestConcurrency(options: FanoutOptions): number {
  if (options.concurrency === 'auto') return options.maxConcurrency ?? defaults.maxConcurrency;
  return options.concurrency ?? defaults.concurrency;
}

/** The connections per origin the run's transport pools: as many as requests in flight, at most `perHost`. */
export function poolSize(options: FanoutOptions): number {
  return Math.min(highestConcurrency(options), options.perHost ?? Infinity);
}
