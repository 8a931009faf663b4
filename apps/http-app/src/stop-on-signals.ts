import type { Logger } from 'pino';

/** Options of {@link stopOnSignals}. */
export interface StopOnSignalsOptions {
  /** How long in-flight responses may take once a signal came. */
  readonly graceMs: number;
  readonly log: Logger;
  /** Stops everything; resolves when done. */
  readonly stop: (graceMs: number) => Promise<void>;
  /** Called when `stop` has not ended 2 s after the grace: must end the process. */
  readonly onTimeout: () => void;
}

/** Margin after the grace for closing what is left before the process is ended anyway. */
const MARGIN_MS = 2000;

/**
 * On SIGTERM or SIGINT: logs, runs `stop`, and exits 0 when it resolves, 1 when it rejects, and
 * through `onTimeout` when it takes longer than the grace plus 2 s. Every path ends the process,
 * whatever state stdout is in (a closed pipe only silences the log).
 */
export function stopOnSignals(options: StopOnSignalsOptions): void {
  const { graceMs, log } = options;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    setTimeout(options.onTimeout, graceMs + MARGIN_MS);
    log.info({ signal }, `shutting down: no new connections; in-flight responses get ${graceMs} ms`);
    options.stop(graceMs).then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
