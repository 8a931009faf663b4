import type { FanoutOptions, RequestInput, Transport } from '@fanout/core';
import type { Colors } from 'picocolors/types.js';
import type { BatchRun } from './batch-run.js';
import type { CliIo } from '../process/cli-io.js';
import type { InputItem } from '../inputs/input-item.js';
import type { RunConfig } from '../options/config.js';
import { okStatusOf } from '../options/ok-status.js';
import type { Output } from '../output/output.js';
import type { FileMeter } from '../output/progress.js';
import type { Renderer } from '../output/renderer.js';
import type { RequestDefaults } from '../inputs/request-defaults.js';

/** What a run mode needs: the parsed command line and where things go. */
export interface ModeContext {
  readonly config: RunConfig;
  readonly io: CliIo;
  readonly out: Output;
  readonly render: Renderer;
  /** The inputs in batches, read lazily each time this is called. */
  inputs(): AsyncGenerator<readonly InputItem[]>;
  readonly defaults: RequestDefaults;
  readonly transport: Transport;
  /** --journal, --max-failures, --output-dir (a stream run's). */
  readonly batch: BatchRun;
  /** A regular `--file`'s reading, for progress by bytes. */
  readonly fileMeter?: FileMeter;
  readonly errColors: Colors;
  /** Writes to stderr unless `--quiet` (the progress bar steps aside). */
  log(text: string): void;
}

/** The core options the command line sets. */
export function coreOptions(config: RunConfig, defaults: RequestDefaults, transport: Transport): FanoutOptions {
  return {
    transport,
    concurrency: config.autoConcurrency ? 'auto' : config.concurrency,
    maxConcurrency: config.autoConcurrency ? config.concurrency : undefined,
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
    headers: defaults.headers,
    followRedirects: defaults.followRedirects,
    responseType: config.body,
    timeline: config.timeline,
    speedLimit: config.network.speedLimit,
    speedTime: config.network.speedTime,
    includeHeaders: config.include,
    okStatus: config.okStatus && okStatusOf(config.okStatus),
  };
}

/** Every input's request, read to the end: for the modes that run the whole list more than once. */
export async function allRequests(context: ModeContext): Promise<RequestInput[]> {
  const requests: RequestInput[] = [];
  for await (const items of context.inputs()) for (const item of items) requests.push(item.input);
  return requests;
}
