import type { CliIo } from '../process/cli-io.js';
import { EXIT } from '../process/exit-codes.js';
import { shownText } from '../render/terminal-safe.js';

const QUEUE_HINT = 'Give --queue redis://HOST:PORT/DB of a running Redis, e.g. redis://127.0.0.1:6379/0.';

const HINTS: Readonly<Record<string, string>> = {
  EQUEUEURL: QUEUE_HINT,
  EQUEUEDOWN: QUEUE_HINT,
  EJOBSTATE: 'See the jobs on the queue with: fanout jobs --queue URL (a new job needs a new --job name).',
  ECREDENTIALS: 'Give credentials to the workers: fanout worker -H @FILE (or -u, --oauth2-bearer); they are never stored in Redis.',
  EJOBGONE: 'Whatever Redis held of the job is gone: enqueue it again (the same command starts it anew).',
};

/**
 * `@fanout/queue`'s errors in the CLI's words: a bad or unreachable --queue and a wrong --job
 * are usage errors (exit 2) with a hint, a job lost while working a failure (exit 1); anything else is not the queue's to explain.
 */
export function reportQueueError(error: unknown, io: CliIo): number | undefined {
  if (!(error instanceof Error) || !('code' in error)) return undefined;
  const hint = HINTS[String(error.code)];
  if (hint === undefined) return undefined;
  io.stderr.write(`fanout: ${shownText(error.message)}\n${hint}\n`);
  // The job vanished while we worked on it: a runtime failure, not a usage error.
  return error.code === 'EJOBGONE' ? EXIT.failures : EXIT.usage;
}
