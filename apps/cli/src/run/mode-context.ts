import type { FanoutOptions, RequestInput } from '@fanout/core';
import type { Colors } from 'picocolors/types.js';
import type { BatchRun } from './batch-run.js';
import type { CliIo } from '../process/cli-io.js';
import type { InputItem } from '../inputs/input-item.js';
import type { RunConfig } from '../options/config.js';
import type { Output } from '../output/output.js';
import type { FileMeter } from '../output/progress.js';
import type { Renderer } from '../output/renderer.js';

/** What a run mode needs: the parsed command line and where things go. */
export interface ModeContext {
  readonly config: RunConfig;
  readonly io: CliIo;
  readonly out: Output;
  readonly render: Renderer;
  /** The inputs in batches, read lazily each time this is called. */
  inputs(): AsyncGenerator<readonly InputItem[]>;
  /** Core's options for this run, built once (see `fanoutOptions`), its transport included. */
  readonly options: FanoutOptions;
  /** --journal, --max-failures, --output-dir (a stream run's). */
  readonly batch: BatchRun;
  /** A regular `--file`'s reading, for progress by bytes. */
  readonly fileMeter?: FileMeter;
  readonly errColors: Colors;
  /** Writes to stderr unless `--quiet` (the progress bar steps aside). */
  log(text: string): void;
}

/** Every input's request, read to the end: for the modes that run the whole list more than once. */
export async function allRequests(context: ModeContext): Promise<RequestInput[]> {
  const requests: RequestInput[] = [];
  for await (const items of context.inputs()) for (const item of items) requests.push(item.input);
  return requests;
}
