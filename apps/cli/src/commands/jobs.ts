import type { CliIo } from '../process/cli-io.js';
import { EXIT } from '../process/exit-codes.js';
import { reportQueueError } from './queue-errors.js';

/** `fanout jobs`'s flags. */
export interface JobsFlags {
  readonly queue: string;
  readonly output: 'text' | 'json';
}

/** `fanout jobs`: every job on the queue, oldest first, with its state and counts. */
export async function jobsCommand(flags: JobsFlags, io: CliIo): Promise<number> {
  const { listJobs } = await import('@fanout/queue');
  let jobs: Awaited<ReturnType<typeof listJobs>>;
  try {
    jobs = await listJobs(flags.queue);
  } catch (error) {
    const code = reportQueueError(error, io);
    if (code === undefined) throw error;
    return code;
  }
  if (flags.output === 'json') {
    io.stdout.write(`${JSON.stringify(jobs)}\n`);
    return EXIT.ok;
  }
  const rows = [
    `${'job'.padEnd(24)}${'state'.padEnd(11)}${'results'.padStart(19)}${'failed'.padStart(9)}  created`,
    ...jobs.map((j) => `${j.job.padEnd(24)}${j.state.padEnd(11)}${`${j.results}/${j.total}`.padStart(19)}${String(j.failed).padStart(9)}  ${new Date(j.createdAt).toISOString()}`),
  ];
  io.stdout.write(`${rows.join('\n')}\n`);
  return EXIT.ok;
}
