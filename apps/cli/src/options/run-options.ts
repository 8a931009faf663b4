import { Option, type Command } from 'commander';
import { integer, integerOrAuto, positive, share, statusList } from './parsers.js';
import { CORE_DEFAULTS } from './core-constants.js';

export type Mode = 'concurrent' | 'sequential' | 'compare' | 'sweep';

/** `--concurrency` for `--mode sweep` when not given: its highest level (other modes: core's default). */
export const SWEEP_CONCURRENCY = 64;

/** How the requests run: concurrency, limits, retries, deadlines. */
export interface RunFlags {
  readonly mode?: Mode;
  readonly concurrency?: number | 'auto';
  readonly timeout?: number;
  readonly deadline?: number;
  readonly retries?: number;
  readonly retryOn?: readonly number[];
  readonly retryBudget?: number;
  readonly perHost?: number;
  readonly rate?: number;
  readonly perHostRate?: number;
  readonly ordered?: boolean;
  /** `--timeline`: draw a waterfall of the requests and a latency histogram after the run. */
  readonly timeline?: boolean;
}

/** Adds the Run group for `run`. */
export function addRunOptions(command: Command): Command {
  command
    .optionsGroup('Run:')
    .addOption(new Option('--mode <mode>', 'how to run the requests (default concurrent; compare for the demo). sweep: the same inputs at concurrency 1, 2, 4, … up to --concurrency; a chart of throughput and p95 per level with the knee marked. The knee (also "best" in --output json) is the lowest concurrency whose throughput reaches 90 % of the highest throughput measured').choices(['concurrent', 'sequential', 'compare', 'sweep']))
    .option('-c, --concurrency <n>', `requests in flight at once (default ${CORE_DEFAULTS.concurrency}); for --mode sweep the highest level (default ${SWEEP_CONCURRENCY}). auto: found per host from latency and 429/503/timeouts (up to ${CORE_DEFAULTS.maxConcurrency}); the summary reports the limit reached`, integerOrAuto(1, 10_000));
  addLimitOptions(command);
  return command
    .option('--deadline <ms>', 'whole-run time limit; what is left then fails with EDEADLINE', integer(1, 86_400_000))
    .option('--ordered', 'print results in input order (default: as they complete)')
    .option('--timeline', 'after the run, draw a waterfall of the requests (waiting vs on the wire) and a latency histogram on stderr');
}

/** The per-request limits shared by `run` and `enqueue`. */
export function addLimitOptions(command: Command, acrossWorkers = false): Command {
  const across = acrossWorkers ? ', across all workers' : '';
  command
    .option('--timeout <ms>', `per-attempt timeout (headers and body) (default: ${CORE_DEFAULTS.timeout})`, integer(1, 3_600_000))
    .option('--retries <n>', `retries per request (idempotent methods, or POST/PATCH with an Idempotency-Key) (default: ${CORE_DEFAULTS.retry.limit})`, integer(0, 100));
  // The workers share one retry budget through Redis, with its own policy.
  if (!acrossWorkers) {
    command
      .option('--retry-on <statuses>', `retry on these statuses, e.g. 429,503 (default ${CORE_DEFAULTS.retry.statusCodes.join(',')})`, statusList)
      .option('--retry-budget <ratio>', `retries allowed per request sent, 0-1, against retry storms (default ${CORE_DEFAULTS.retry.budget.ratio})`, share);
  }
  return command
    .option('--per-host <n>', `requests in flight to one host at once${across}`, integer(1, 10_000))
    .option('--rate <n>', `at most this many requests per second${across}`, positive(1_000_000))
    .option('--per-host-rate <n>', `at most this many requests per second to one host${across}`, positive(1_000_000));
}
