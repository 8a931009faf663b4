import type { CliIo } from '../process/cli-io.js';
import { EXIT } from '../process/exit-codes.js';
import { reportQueueError } from './queue-errors.js';

/** `fanout cancel`'s flags. */
export interface CancelFlags {
  readonly queue: string;
  readonly job: string;
}

/** `fanout cancel`: workers stop taking the job's chunks; its keys expire after its TTL. */
export async function cancelCommand(flags: CancelFlags, io: CliIo): Promise<number> {
  const { cancelJob } = await import('@fanout/queue');
  try {
    const { removedChunks } = await cancelJob(flags.queue, flags.job);
    io.stderr.write(`fanout: cancelled job ${flags.job}: ${removedChunks} waiting chunks removed; workers drop its running chunks\n`);
    return EXIT.ok;
  } catch (error) {
    const code = reportQueueError(error, io);
    if (code === undefined) throw error;
    return code;
  }
}
