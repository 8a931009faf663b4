import type { FanoutOptions, Transport } from '@fanout/core';
import type { Colors } from 'picocolors/types.js';
import type { CliIo } from './cli.js';
import type { CliConfig } from './config.js';
import type { InputSources } from './inputs.js';
import type { Output } from './output.js';
import type { Renderer } from './render/renderer.js';

/** What a run mode needs: the parsed command line and where things go. */
export interface ModeContext {
  readonly config: CliConfig;
  readonly io: CliIo;
  readonly out: Output;
  readonly render: Renderer;
  readonly sources: InputSources;
  readonly transport: Transport;
  readonly errColors: Colors;
  /** Writes to stderr unless `--quiet`. */
  log(text: string): void;
  /** Registers what to do when stdout's reader goes away (`| head`). */
  onBrokenPipe(handler: () => void): void;
}

/** The exit codes of the contract. */
export const EXIT = { ok: 0, failures: 1, usage: 2, interrupted: 130 } as const;

/** The core options the command line sets. */
export function coreOptions(config: CliConfig, transport: Transport): FanoutOptions {
  return {
    transport,
    concurrency: config.concurrency,
    timeout: config.timeout,
    retry: config.retries,
    perHost: config.perHost,
    rate: config.rate,
    perHostRate: config.perHostRate,
    ordered: config.ordered,
    fields: config.fields,
  };
}
