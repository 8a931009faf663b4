import type { CliIo } from '../process/cli-io.js';
import { EXIT } from '../process/exit-codes.js';
import { reportQueueError } from './queue-errors.js';

/** `fanout status`'s flags. */
export interface StatusFlags {
  readonly queue: string;
  readonly job: string;
  readonly output: 'text' | 'json';
}

/** `fanout status`: a job's progress, per worker. */
export async function statusCommand(flags: StatusFlags, io: CliIo): Promise<number> {
  const { jobStatus } = await import('@fanout/queue');
  let status: Awaited<ReturnType<typeof jobStatus>>;
  try {
    status = await jobStatus(flags.queue, flags.job);
  } catch (error) {
    const code = reportQueueError(error, io);
    if (code === undefined) throw error;
    return code;
  }
  if (flags.output === 'json') {
    io.stdout.write(`${JSON.stringify(status)}\n`);
    return EXIT.ok;
  }
  const pct = status.total ? Math.floor((status.results / status.total) * 100) : 0;
  const followed = status.followed > 0 ? `, ${status.followed} taken by results --follow` : '';
  const chunkErrors = status.chunkErrors > 0 ? `, ${status.chunkErrors} failed chunk attempts` : '';
  const seen = status.enqueueSeenMsAgo === undefined ? '' : ` ${(status.enqueueSeenMsAgo / 1000).toFixed(1)} s ago`;
  const enqueue = status.enqueue === 'lost' ? 'enqueue lost: run the same enqueue again to resume' : `enqueue ${status.enqueue}${seen}`;
  const rows = [
    `job ${status.job}: ${status.state}, ${status.results}/${status.total} results (${pct}%, ${status.failed} failed${followed}${chunkErrors}), ${status.chunks} chunks, ${enqueue}`,
    `${'worker'.padEnd(28)}${'state'.padStart(8)}${'done'.padStart(9)}${'failed'.padStart(9)}${'in flight'.padStart(11)}${'last seen'.padStart(12)}`,
    ...status.workers.map(
      (w) =>
        `${w.id.padEnd(28)}${w.state.padStart(8)}${String(w.done).padStart(9)}${String(w.failed).padStart(9)}${String(w.inFlight).padStart(11)}${`${(w.seenMsAgo / 1000).toFixed(1)} s ago`.padStart(12)}`,
    ),
  ];
  io.stdout.write(`${rows.join('\n')}\n`);
  return EXIT.ok;
}
