import type { Command } from 'commander';
import { integer } from './parsers.js';
import { UsageError } from '../errors/usage-error.js';
import { checkNameTemplate } from '../batch/file-name.js';

/** The "long batches" flags, validated: journal and resume, early stop, bodies to disk. */
export interface BatchConfig {
  /** `--journal FILE`: append every result; skip inputs already ok in it. */
  readonly journal?: string;
  /** `--max-failures N`: stop the run after N failed inputs. */
  readonly maxFailures?: number;
  /** `--output-dir DIR` with `--name`, `--max-filesize`, `--skip-existing`. */
  readonly files?: { readonly dir: string; readonly name: string; readonly maxBytes?: number; readonly skipExisting: boolean };
}

export interface RawBatchOptions {
  journal?: string;
  maxFailures?: number;
  outputDir?: string;
  name?: string;
  maxFilesize?: number;
  skipExisting?: boolean;
}

/** Adds the long-batch flags to the command. */
export function addBatchOptions(command: Command): Command {
  return command
    .optionsGroup('Long batches:')
    .option('--journal <file>', 'append every result to FILE; run again with it to skip inputs already ok (resume)')
    .option('--max-failures <n>', 'stop the run after N failed inputs (exit 1)', integer(1, Number.MAX_SAFE_INTEGER))
    .option('--output-dir <dir>', 'stream each ok body to a file in DIR (the line then has file, bytes, sha256)')
    .option('--name <template>', 'file name in --output-dir: {index}, {basename}, {host} (default {index})')
    .option('--max-filesize <bytes>', 'with --output-dir: fail a body larger than this (default: no limit)', integer(0, Number.MAX_SAFE_INTEGER))
    .option('--skip-existing', 'with --output-dir: do not fetch an input whose file exists');
}

/** Reads the long-batch flags from commander's options; `mode` rules out compare. */
export function parseBatchOptions(raw: RawBatchOptions, mode: string): BatchConfig {
  if (mode === 'compare' && (raw.journal !== undefined || raw.maxFailures !== undefined || raw.outputDir !== undefined)) {
    throw new UsageError('--journal, --max-failures and --output-dir work on one run, and --mode compare runs the inputs twice', 'Use --mode concurrent or sequential.');
  }
  if (raw.outputDir === undefined) {
    const orphan = [raw.name !== undefined && '--name', raw.maxFilesize !== undefined && '--max-filesize', raw.skipExisting && '--skip-existing'].filter(Boolean);
    if (orphan.length > 0) throw new UsageError(`${orphan.join(', ')} only work with --output-dir`, 'Add --output-dir DIR.');
    return { journal: raw.journal, maxFailures: raw.maxFailures };
  }
  if (raw.outputDir === '') throw new UsageError('--output-dir is empty', 'Give a directory, e.g. --output-dir downloads.');
  const files = { dir: raw.outputDir, name: checkNameTemplate(raw.name ?? '{index}'), maxBytes: raw.maxFilesize, skipExisting: raw.skipExisting ?? false };
  return { journal: raw.journal, maxFailures: raw.maxFailures, files };
}
