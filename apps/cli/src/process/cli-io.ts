import type { Readable, Writable } from 'node:stream';
import type { StopSignal } from './exit-codes.js';

/** The process around the CLI: streams, environment, and the stop signals. */
export interface CliIo {
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean; columns?: number };
  readonly stdin: Readable;
  readonly env: NodeJS.ProcessEnv;
  /** Registers the handler of Ctrl-C and SIGTERM; returns its removal. */
  onInterrupt(handler: (signal: StopSignal) => void): () => void;
}
