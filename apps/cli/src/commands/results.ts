import type { CliIo } from '../cli-io.js';
import { EXIT } from '../exit-codes.js';
import { Output } from '../output.js';
import { reportWriteFailure } from '../write-failure.js';
import { reportQueueError } from './queue-errors.js';

/** `fanout results`'s flags. */
export interface ResultsFlags {
  readonly queue: string;
  readonly job: string;
}

/** `fanout results`: a job's NDJSON lines in input order; exit 1 when any failed or is missing. */
export async function resultsCommand(flags: ResultsFlags, io: CliIo): Promise<number> {
  const out = new Output(io.stdout);
  if (io.stdoutClosed()) out.halt({ kind: 'write-failed', code: 'EBADF' });
  if (out.failure) return reportWriteFailure(out.failure, io);
  const { jobResults } = await import('@fanout/queue');
  let missing = 0;
  let failed = 0;
  try {
    for await (const line of jobResults(flags.queue, flags.job)) {
      if (out.closed) break;
      if (line === undefined) {
        missing++;
        continue;
      }
      if (line.includes('"ok":false')) failed++;
      out.write(`${line}\n`);
      await out.ready();
    }
  } catch (error) {
    const code = reportQueueError(error, io);
    if (code === undefined) throw error;
    return code;
  }
  await out.flush();
  if (out.failure) return reportWriteFailure(out.failure, io);
  if (missing > 0) io.stderr.write(`fanout: ${missing} inputs have no result yet (is the job still running? see: fanout status)\n`);
  return missing > 0 || failed > 0 ? EXIT.failures : EXIT.ok;
}
