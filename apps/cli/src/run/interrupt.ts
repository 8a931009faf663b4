import type { CliIo } from '../process/cli-io.js';
import type { StopSignal } from '../process/exit-codes.js';
import type { Output } from '../output/output.js';

/** A run that Ctrl-C, SIGTERM or a stopped stdout aborts through `signal`; `stoppedBy` says which signal, if one did. */
export interface RunInterrupt {
  readonly signal: AbortSignal;
  readonly stoppedBy: StopSignal | undefined;
  /** Stops listening for the signals. */
  remove(): void;
}

/** Aborts on Ctrl-C or SIGTERM (noting which) and when stdout stops taking output. */
export function runInterrupt(io: CliIo, out: Output): RunInterrupt {
  const controller = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const remove = io.onInterrupt((signal) => {
    stoppedBy = signal;
    controller.abort();
  });
  out.whenStopped(() => controller.abort());
  return {
    signal: controller.signal,
    get stoppedBy() {
      return stoppedBy;
    },
    remove,
  };
}
