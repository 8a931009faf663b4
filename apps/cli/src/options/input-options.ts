import type { Command } from 'commander';
import { integer, share } from './parsers.js';
import { LIVE_URL } from './config.js';

/** Where the inputs come from (`run` and `enqueue`). */
export interface InputFlags {
  readonly ids?: string;
  readonly file?: string;
  readonly baseUrl?: string;
  readonly live?: boolean;
}

/** The embedded demo upstream's shape (`run` only). */
export interface DemoFlags {
  readonly latency?: number;
  readonly failRate?: number;
}

/** Adds the Input group: `--ids`, `--file`, `--base-url`, `--live`. */
export function addInputOptions(command: Command, forWorkers = false): Command {
  return command
    .optionsGroup('Input:')
    .option('--ids <list>', forWorkers ? 'post ids against --base-url, e.g. 1-10000' : 'post ids against the upstream, e.g. 1-10,42')
    .option('--file <path>', "one URL or JSON request spec a line ('-' for stdin), streamed")
    .option('--base-url <url>', forWorkers ? 'upstream for --ids (the workers must reach it)' : 'upstream for --ids (default: an embedded demo upstream)')
    .option('--live', `use the real ${LIVE_URL} as upstream`);
}

/** Adds the embedded demo upstream's `--latency` and `--fail-rate` (Input group). */
export function addDemoOptions(command: Command): Command {
  return command
    .option('--latency <ms>', 'embedded upstream only: latency per request (default 150)', integer(0, 60_000))
    .option('--fail-rate <p>', 'embedded upstream only: share of requests that fail, 0-1 (default 0)', share);
}
