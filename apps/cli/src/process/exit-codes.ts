/**
 * The exit codes of the contract: 0 every item ok, 1 a failure (items failed, or a runtime
 * failure such as an unreachable queue while working), 2 a usage error only, 74 the results
 * could not be written (EX_IOERR: `> /dev/full`, stdout closed), 128 + n after signal n
 * (130 Ctrl-C, 143 SIGTERM).
 */
export const EXIT = { ok: 0, failures: 1, usage: 2, writeFailed: 74 } as const;

/** The signals that abort a run like Ctrl-C does. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** 128 + the signal's number, as a shell reports a process killed by it. */
export function signalExit(signal: StopSignal): number {
  return signal === 'SIGINT' ? 130 : 143;
}
