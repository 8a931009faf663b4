import type { CliIo } from '../cli-io.js';
import { EXIT } from '../exit-codes.js';
import { Output } from '../output.js';
import { reportWriteFailure } from '../write-failure.js';
import { reportQueueError } from './queue-errors.js';

/** `fanout results`'s flags. */
export interface ResultsFlags {
  readonly queue: string;
  readonly job: string;
  readonly follow?: boolean;
}

/** Lines from Redis, with what the end of them means. */
interface LineSource {
  readonly lines: AsyncGenerator<string | undefined, 'complete' | 'cancelled' | undefined>;
}

async function lineSource(flags: ResultsFlags, io: CliIo): Promise<LineSource> {
  const queue = await import('@fanout/queue');
  const onWaitingForJob = () => io.stderr.write(`fanout: waiting for job ${flags.job} to be enqueued (Ctrl-C to stop)\n`);
  return { lines: flags.follow ? queue.followResults(flags.queue, flags.job, { onWaitingForJob }) : queue.jobResults(flags.queue, flags.job) };
}

/**
 * `fanout results`: a job's NDJSON lines, in input order, or with --follow as they are stored
 * (removed from Redis once written). Exit 1 when any failed, is missing, or the job was cancelled.
 */
export async function resultsCommand(flags: ResultsFlags, io: CliIo): Promise<number> {
  const out = new Output(io.stdout);
  const { lines } = await lineSource(flags, io);
  let missing = 0;
  let failed = 0;
  let end: 'complete' | 'cancelled' | undefined;
  try {
    for (;;) {
      const next = await lines.next();
      if (next.done) {
        end = next.value;
        break;
      }
      if (out.closed) {
        await lines.return(undefined);
        break;
      }
      const line = next.value;
      if (line === undefined) {
        missing++;
        continue;
      }
      if (line.includes('"ok":false')) failed++;
      out.write(`${line}\n`);
      await out.ready();
    }
  } catch (error) {
    void out.flush(); // the lines read before the failure still go out
    const code = reportQueueError(error, io);
    if (code === undefined) throw error;
    return code;
  }
  await out.flush();
  if (out.failure) return reportWriteFailure(out.failure, io);
  if (end === 'cancelled') io.stderr.write(`fanout: job ${flags.job} was cancelled; its remaining inputs have no result\n`);
  if (missing > 0) io.stderr.write(`fanout: ${missing} inputs have no result (is the job still running, or did results --follow take them? see: fanout status)\n`);
  return missing > 0 || failed > 0 || end === 'cancelled' ? EXIT.failures : EXIT.ok;
}
