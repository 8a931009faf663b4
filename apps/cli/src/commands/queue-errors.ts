import type { CliIo } from '../cli-io.js';
import { EXIT } from '../exit-codes.js';
import { shownText } from '../render/terminal-safe.js';

const QUEUE_HINT = 'Give --queue redis://HOST:PORT/DB of a running Redis, e.g. redis://127.0.0.1:6379/0.';

/**
 * `@fanout/queue`'s errors in the CLI's words: a bad or unreachable --queue and a wrong --job
 * are usage errors (exit 2) with a hint; anything else is not the queue's to explain.
 */
export function reportQueueError(error: unknown, io: CliIo): number | undefined {
  if (!(error instanceof Error) || !('code' in error)) return undefined;
  const hint =
    error.code === 'EQUEUEURL' || error.code === 'EQUEUEDOWN'
      ? QUEUE_HINT
      : error.code === 'EJOBSTATE'
        ? 'See the jobs on the queue with: fanout jobs --queue URL (a new job needs a new --job name).'
        : undefined;
  if (hint === undefined) return undefined;
  io.stderr.write(`fanout: ${shownText(error.message)}\n${hint}\n`);
  return EXIT.usage;
}
