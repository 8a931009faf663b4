import type { CliIo } from '../process/cli-io.js';
import { EXIT, signalExit, type StopSignal } from '../process/exit-codes.js';
import { Output } from '../output/output.js';
import { reportWriteFailure } from '../output/write-failure.js';
import { reportQueueError } from './queue-errors.js';

/** `fanout results`'s flags. */
export interface ResultsFlags {
  readonly queue: string;
  readonly job: string;
  readonly follow?: boolean;
}

type End = 'complete' | 'cancelled' | 'stopped' | undefined;

/**
 * Lines from Redis, each ended by a newline, with what the end of them means: one at a time as
 * strings (`undefined`: an input without a result), or (`--follow`) a batch at a time as
 * UTF-8 bytes, as Redis holds them.
 */
interface LineSource {
  readonly lines: AsyncGenerator<string | Buffer | undefined, End>;
}

/** At most this many bytes of a batch go to stdout at a time (whole lines; a longer line goes whole). */
const PIECE_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/** `batch` (newline-ended lines) in pieces of whole lines, each up to {@link PIECE_BYTES} when its lines allow. */
function* piecesOf(batch: Buffer): Generator<Buffer> {
  let from = 0;
  while (batch.length - from > PIECE_BYTES) {
    let end = batch.lastIndexOf(NEWLINE, from + PIECE_BYTES - 1) + 1;
    if (end <= from) end = batch.indexOf(NEWLINE, from + PIECE_BYTES) + 1 || batch.length;
    yield batch.subarray(from, end);
    from = end;
  }
  if (from < batch.length) yield batch.subarray(from);
}

/** Each line ended by a newline (`undefined`: an input without a result). */
async function* withNewlines(lines: AsyncGenerator<string | undefined, undefined>): AsyncGenerator<string | undefined, undefined> {
  for await (const line of lines) yield line === undefined ? undefined : `${line}\n`;
  return undefined;
}

/** stdout's file descriptor, when it has one (a restarted follower checks a file it appends to). */
function fdOf(stream: CliIo['stdout']): number | undefined {
  const fd = (stream as { fd?: unknown }).fd;
  return typeof fd === 'number' ? fd : undefined;
}

async function lineSource(flags: ResultsFlags, io: CliIo, out: Output, signal: AbortSignal): Promise<LineSource> {
  const queue = await import('@fanout/queue');
  if (!flags.follow) return { lines: withNewlines(queue.jobResults(flags.queue, flags.job)) };
  const job = flags.job;
  // A batch at a time, as Redis joined its lines: written as they are.
  const lines = queue.followResultBatches(flags.queue, job, {
    signal,
    outputFd: fdOf(io.stdout),
    flushed: async () => {
      await out.flush();
      return !out.closed;
    },
    onWaitingForJob: () => io.stderr.write(`fanout: waiting for job ${job} to be enqueued (Ctrl-C to stop)\n`),
    onWaitingForFollower: (ms) => io.stderr.write(`fanout: another follower of job ${job} was heard from ${(ms / 1000).toFixed(1)} s ago; waiting until it is gone (silent for 10 s)\n`),
    onRewrite: (count) => {
      io.stderr.write(`fanout: the follower before this one may have written ${count} lines of its last batch elsewhere (not to this file, so they cannot be checked): written again, each with its index\n`);
      // Killed mid-write, it may have left a line half written: the lines written again start on
      // a new line, never glued to it (an empty line when it left none). Nothing else is written yet.
      out.write('\n');
    },
    onEnqueueLost: (lost) =>
      io.stderr.write(
        lost
          ? `fanout: the enqueue of job ${job} is lost (not heard from for 10 s): run the same enqueue again to feed the rest; waiting for it (Ctrl-C to stop)\n`
          : `fanout: the enqueue of job ${job} is back\n`,
      ),
  });
  return { lines };
}

/**
 * `fanout results`: a job's NDJSON lines, in input order, or with --follow as they are stored
 * (removed from Redis once written and flushed; a follower restarted after a kill, appending
 * to the same file, writes each input's line once). Exit 1 when any failed, is missing, or
 * the job was cancelled.
 */
export async function resultsCommand(flags: ResultsFlags, io: CliIo): Promise<number> {
  const out = new Output(io.stdout);
  const stop = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const removeInterrupt = flags.follow
    ? io.onInterrupt((signal) => {
        stoppedBy = signal;
        stop.abort();
      })
    : () => undefined;
  const { lines } = await lineSource(flags, io, out, stop.signal);
  let missing = 0;
  let failed = 0;
  let end: End;
  try {
    for (;;) {
      const next = await lines.next();
      if (next.done) {
        end = next.value;
        break;
      }
      const text = next.value;
      if (text === undefined) {
        missing++;
        continue;
      }
      if (out.closed) {
        await lines.return(undefined);
        break;
      }
      if (text.includes('"ok":false')) failed++;
      if (typeof text === 'string') {
        out.write(text);
        await out.ready();
      } else {
        // A batch of 1000 lines goes out as stdout's writes always did, 64 KiB at a time, each waiting for room.
        for (const piece of piecesOf(text)) {
          out.writeBytes(piece);
          await out.ready();
        }
      }
      // Stopped: every line taken is written; the follower acknowledges them and ends.
      if (stoppedBy !== undefined) {
        await lines.return(undefined);
        break;
      }
    }
  } catch (error) {
    void out.flush(); // the lines read before the failure still go out
    const code = reportQueueError(error, io);
    if (code === undefined) throw error;
    return code;
  } finally {
    removeInterrupt();
  }
  await out.flush();
  if (out.failure) return reportWriteFailure(out.failure, io);
  if (stoppedBy !== undefined) {
    io.stderr.write(`fanout: stopped following job ${flags.job}; run the same results --follow again (appending to the same file) to go on\n`);
    return signalExit(stoppedBy);
  }
  if (end === 'cancelled') io.stderr.write(`fanout: job ${flags.job} was cancelled; its remaining inputs have no result\n`);
  if (missing > 0) io.stderr.write(`fanout: ${missing} inputs have no result (is the job still running, or did results --follow take them? see: fanout status)\n`);
  return missing > 0 || failed > 0 || end === 'cancelled' ? EXIT.failures : EXIT.ok;
}
