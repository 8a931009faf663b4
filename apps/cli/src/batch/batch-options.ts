import type { Command } from 'commander';
import { integer } from '../option-parsers.js';
import { UsageError } from '../usage-error.js';

/** The "long batches" flags, validated: journal and resume, early stop. */
export interface BatchConfig {
  /** `--journal FILE`: append every result; skip inputs already ok in it. */
  readonly journal?: string;
  /** `--max-failures N`: stop the run after N failed inputs. */
  readonly maxFailures?: number;
}

export interface RawBatchOptions {
  journal?: string;
  maxFailures?: number;
}

/** Adds the long-batch flags to the command. */
export function addBatchOptions(command: Command): Command {
  return command
    .optionsGroup('Long batches:')
    .option('--journal <file>', 'append every result to FILE; run again with it to skip inputs already ok (resume)')
    .option('--max-failures <n>', 'stop the run after N failed inputs (exit 1)', integer(1, Number.MAX_SAFE_INTEGER));
}

/** Reads the long-batch flags from commander's options; `mode` rules out compare. */
export function parseBatchOptions(raw: RawBatchOptions, mode: string): BatchConfig {
  if (mode === 'compare' && (raw.journal !== undefined || raw.maxFailures !== undefined)) {
    throw new UsageError('--journal and --max-failures work on one run, and --mode compare runs the inputs twice', 'Use --mode concurrent or sequential.');
  }
  return { journal: raw.journal, maxFailures: raw.maxFailures };
}
