import type { CliIo } from '../process/cli-io.js';
import { EXIT } from '../process/exit-codes.js';
import type { NetworkFlags } from '../options/network-options.js';
import type { AuthFlags } from '../options/request-options.js';
import { openTransport } from '../run/open-transport.js';
import { requestConfig } from '../options/request-config.js';
import { requestDefaults } from '../inputs/request-defaults.js';
import { shownText } from '../render/terminal-safe.js';
import { reportQueueError } from './queue-errors.js';
import { keepShortLivedObjectsYoung } from '../process/no-pretenuring.js';

/** `fanout worker`'s flags. */
export type WorkerFlags = NetworkFlags & AuthFlags & { queue: string; concurrency: number; lockMs: number };

/**
 * Node's process warnings, each kind said once: a warning that repeats (a timer overflow
 * thousands of times a second) must not fill the worker's log. Repeats are counted and
 * summed up when the worker stops. Returns the restore.
 */
function warningsOnce(io: CliIo): () => void {
  const counts = new Map<string, number>();
  const defaults = process.listeners('warning');
  process.removeAllListeners('warning');
  const onWarning = (warning: Error) => {
    const count = (counts.get(warning.name) ?? 0) + 1;
    counts.set(warning.name, count);
    if (count === 1) io.stderr.write(`fanout worker: warning: ${warning.name}: ${warning.message.replace(/\s+/g, ' ')} (said once; repeats are counted)\n`);
  };
  process.on('warning', onWarning);
  return () => {
    process.off('warning', onWarning);
    for (const listener of defaults) process.on('warning', listener);
    for (const [name, count] of counts) if (count > 1) io.stderr.write(`fanout worker: ${name} repeated ${count - 1} more times\n`);
  };
}

/** `fanout worker`: runs chunks until SIGTERM/SIGINT, which let the current chunk finish. */
export async function workerCommand(flags: WorkerFlags, io: CliIo): Promise<number> {
  const restoreWarnings = warningsOnce(io);
  try {
    return await runWorker(flags, io);
  } finally {
    restoreWarnings();
  }
}

async function runWorker(flags: WorkerFlags, io: CliIo): Promise<number> {
  keepShortLivedObjectsYoung();
  const auth = await requestDefaults(requestConfig({ ...flags, location: false }), io.stdin);
  const { startWorker } = await import('@fanout/queue');
  const transport = await openTransport(flags, flags.concurrency);
  let worker: Awaited<ReturnType<typeof startWorker>>;
  try {
    worker = await startWorker(flags.queue, {
      concurrency: flags.concurrency,
      transport,
      headers: auth.headers,
      lockMs: flags.lockMs,
      onChunk: (c) =>
        io.stderr.write(
          c.dropped === undefined
            ? `fanout worker: job ${c.job} chunk ${c.chunk}: ${c.count} results (${c.failed} failed) in ${Math.round(c.ms)} ms\n`
            : `fanout worker: job ${c.job} chunk ${c.chunk}: dropped, the job ${c.dropped === 'gone' ? 'is no longer on the queue (expired, or Redis lost its data)' : 'was cancelled'}\n`,
        ),
      onChunkError: (e) =>
        io.stderr.write(
          e.final
            ? `fanout worker: job ${e.job} chunk ${e.chunk}: attempt ${e.attempt} of ${e.attempts} failed (${e.error}); its ${e.failedLines} inputs without a result got a failed line (ECHUNKFAILED)\n`
            : `fanout worker: job ${e.job} chunk ${e.chunk}: attempt ${e.attempt} of ${e.attempts} failed (${e.error}); retrying\n`,
        ),
    });
  } catch (error) {
    await transport.close();
    const code = reportQueueError(error, io);
    if (code === undefined) throw error;
    return code;
  }
  io.stderr.write(`fanout worker ${worker.id}: waiting for chunks on ${shownText(flags.queue)} (concurrency ${flags.concurrency})\n`);
  await new Promise<void>((resolve) => {
    const remove = io.onInterrupt(() => {
      remove();
      resolve();
    });
  });
  io.stderr.write(`fanout worker ${worker.id}: stopping after the current chunk\n`);
  await worker.close();
  return EXIT.ok;
}
