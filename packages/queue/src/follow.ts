import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { checkJobName, openRedis, parseQueueUrl } from './connection.js';
import { JobStateError } from './errors.js';
import { acknowledge, acknowledgeAndTake, acknowledgePending, claimFollower, releaseFollower, takeLines, type StoredEntry } from './follow-scripts.js';
import { atMost } from './at-most.js';
import { FOLLOWER_GONE_MS, followerHeartbeat } from './job-scripts.js';
import { JOBS_KEY, jobKeys } from './keys.js';
import { isDeadHere, processToken } from './process-token.js';
import { readJobSummary } from './status-summary.js';
import { filePosition, linesWrittenSince, type FilePosition } from './written-lines.js';

/** Options of {@link followResults}. */
export interface FollowOptions {
  /**
   * Results read from Redis at a time (and removed from it once the caller has written them).
   * @default 1000
   */
  readonly batch?: number;
  /**
   * How long one read waits for new results before checking whether the job has ended.
   * @default 1000
   */
  readonly waitMs?: number;
  /**
   * Resolves `true` once every line taken so far has reached the OS (`false`: the output
   * failed). A batch leaves Redis only after it; without it, taking the line after a batch
   * says the batch was written.
   * @default undefined
   */
  readonly flushed?: () => Promise<boolean>;
  /**
   * The file descriptor the lines go to (stdout: 1). When it is a regular file, a restarted
   * follower reads back what the follower that died wrote of its last batch, and writes only
   * the rest (a line cut short is cut off); otherwise (a pipe) that batch is written again.
   * @default undefined
   */
  readonly outputFd?: number;
  /**
   * Called once when the job is not on the queue yet (a follower started before, or together
   * with, its `enqueue`), which is then waited for.
   * @default undefined
   */
  readonly onWaitingForJob?: () => void;
  /** Called once when another follower of the job was heard from lately (waited for until it is gone). @default undefined */
  readonly onWaitingForFollower?: (seenMsAgo: number) => void;
  /** Called with the number of lines of the last batch of a follower that died which may have been written already, and are written again. @default undefined */
  readonly onRewrite?: (lines: number) => void;
  /**
   * Stops following (Ctrl-C) between two batches: what was written is acknowledged, the rest
   * stays for the next follower; the generator returns `'stopped'`.
   * @default undefined
   */
  readonly signal?: AbortSignal;
  /** Called when the job's enqueue becomes lost (`true`) and when it is back (`false`: an enqueue feeds it again, or feeding is done). @default undefined */
  readonly onEnqueueLost?: (lost: boolean) => void;
  /**
   * After a batch that took every result stored so far (fewer than `batch`), how long (ms) the
   * follower lets results gather before its next round trip, which also acknowledges that batch:
   * a follower keeping up with workers that store a few dozen results at a time takes them in
   * one round trip per this many ms, rather than ~3 per store. A line waits at most this long more.
   * @default 20
   */
  readonly gatherMs?: number;
}

const JOB_POLL_MS = 200;
/** How long a stopped follower waits for Redis to take its last acknowledgement and lease. */
const STOP_WAIT_MS = 2000;
const STOPPED = Symbol('stopped');

/** `promise`, or {@link STOPPED} as soon as `signal` aborts (what `promise` brings then is dropped). */
function orStopped<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof STOPPED> {
  if (signal === undefined) return promise;
  promise.catch(() => undefined);
  if (signal.aborted) return Promise.resolve(STOPPED);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(STOPPED);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** `promise`, or {@link STOPPED} once {@link STOP_WAIT_MS} have passed (Redis may be gone). */
async function withinStopWait<T>(promise: Promise<T>): Promise<T | typeof STOPPED> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<typeof STOPPED>((resolve) => (timer = setTimeout(() => resolve(STOPPED), STOP_WAIT_MS)))]);
  } finally {
    clearTimeout(timer);
  }
}
const HEARTBEAT_MS = 1000;
const CLAIM_POLL_MS = 500;

/** Waits until `job` exists; throws `JobStateError` when it existed once and is gone (it expired). */
async function untilJobExists(redis: Redis, job: string, onWaiting: (() => void) | undefined): Promise<void> {
  const { meta } = jobKeys(job);
  if ((await redis.exists(meta)) === 1) return;
  if ((await redis.zscore(JOBS_KEY, job)) !== null) {
    // enqueue writes the job's meta before it lists the job: listed without meta means gone,
    // unless the job was created between the two reads above (a follower started first).
    if ((await redis.exists(meta)) === 1) return;
    throw gone(job);
  }
  onWaiting?.();
  while ((await redis.exists(meta)) === 0) await sleep(JOB_POLL_MS);
}

function gone(job: string): JobStateError {
  return new JobStateError(`job "${job}" is no longer on the queue (it expired, or Redis lost its data)`);
}

/** `outcome`, unless the job is gone or another follower took it over (thrown as such). */
function mayGoOn<T>(job: string, outcome: T | 'gone' | 'taken-over'): T {
  if (outcome === 'gone') throw gone(job);
  if (outcome === 'taken-over') throw takenOver(job);
  return outcome;
}

function takenOver(job: string): JobStateError {
  return new JobStateError(`another follower took job "${job}" over (this one was not heard from for ${FOLLOWER_GONE_MS / 1000} s)`);
}

/** Takes the job's follower lease; waits while another live follower holds it. Returns the pending batch of the one before. */
async function leaseFollower(redis: Redis, job: string, token: string, onWaiting: ((ms: number) => void) | undefined): Promise<string> {
  const deadline = Date.now() + FOLLOWER_GONE_MS + 2 * CLAIM_POLL_MS;
  let dead = '';
  for (let tries = 0; ; tries++) {
    const claim = await claimFollower(redis, job, token, dead);
    if (claim.kind === 'gone') throw gone(job);
    if (claim.kind === 'taken') return claim.pending;
    if (isDeadHere(claim.other)) {
      dead = claim.other;
      continue;
    }
    if (Date.now() > deadline) throw new JobStateError(`job "${job}" has another follower (heard from ${(claim.msAgo / 1000).toFixed(1)} s ago): one follower per job`);
    if (tries === 0) onWaiting?.(claim.msAgo);
    await sleep(CLAIM_POLL_MS);
  }
}

/** The batch a follower was writing when it stopped, as recorded before the write. */
interface PendingBatch {
  readonly entries: StoredEntry[];
  readonly at?: FilePosition;
}

function indexOf(line: string): number | undefined {
  try {
    const index = (JSON.parse(line) as { index?: unknown }).index;
    return typeof index === 'number' ? index : undefined;
  } catch {
    return undefined;
  }
}

type StreamReply = Array<[key: string, entries: Array<[id: string, fields: string[]]>]> | null;

/**
 * A job's results as NDJSON lines in the order they were stored, each yielded once across
 * follower restarts, and removed from Redis only once written: Redis then holds only the
 * backlog. Each batch is recorded before it is written and acknowledged by input index after
 * (see `flushed`, `outputFd`); a follower that restarts after one was killed writes each index
 * at most once and misses none. Ends when every input's line has been written (returning
 * `'complete'`), the job was cancelled (`'cancelled'`) or the output failed (`'stopped'`);
 * throws `JobStateError` when the job is no longer on the queue. A job not yet enqueued is
 * waited for. One follower per job (a lease in Redis, taken over once the holder is gone).
 * Call `return()` only after writing every line taken.
 *
 * @example
 * for await (const line of followResults('redis://127.0.0.1:6379/0', 'crawl-1')) process.stdout.write(`${line}\n`);
 */
export function followResults(queueUrl: string, job: string, options: FollowOptions = {}): AsyncGenerator<string, FollowEnd> {
  return follow(queueUrl, job, options, false);
}

/**
 * {@link followResults}, a batch at a time: each value is the lines of one batch as the UTF-8
 * bytes Redis holds, each ended by a newline, for a caller that writes them as they are, without
 * decoding or handling each line. A batch is acknowledged whole once the caller asks for the next
 * one (after `flushed`); `return()` before that acknowledges the batch yielded last as written.
 *
 * @example
 * for await (const text of followResultBatches('redis://127.0.0.1:6379/0', 'crawl-1')) process.stdout.write(text);
 */
export function followResultBatches(queueUrl: string, job: string, options: FollowOptions = {}): AsyncGenerator<Buffer, FollowEnd> {
  return follow(queueUrl, job, options, true);
}

/** How following ended: every line written, the job cancelled, or stopped (signal, output failed). */
export type FollowEnd = 'complete' | 'cancelled' | 'stopped';

/** The lines of `text` (each ended by a newline). */
function linesOf(text: Buffer): string[] {
  const lines = text.toString().split('\n');
  lines.pop();
  return lines;
}

function follow(queueUrl: string, job: string, options: FollowOptions, wholeBatches: false): AsyncGenerator<string, FollowEnd>;
function follow(queueUrl: string, job: string, options: FollowOptions, wholeBatches: true): AsyncGenerator<Buffer, FollowEnd>;
async function* follow(queueUrl: string, job: string, options: FollowOptions, wholeBatches: boolean): AsyncGenerator<string | Buffer, FollowEnd> {
  checkJobName(job);
  const { batch = 1000, waitMs = 1000, gatherMs = 20, flushed, outputFd, onWaitingForJob } = options;
  const redis = await openRedis(parseQueueUrl(queueUrl));
  const keys = jobKeys(job);
  const token = processToken();
  let heartbeat: NodeJS.Timeout | undefined;
  let leased = false;
  let lostLease = false;
  let failed = false;
  // How many entries of the current batch the caller has taken (in the order recorded in Redis,
  // which acknowledges that many).
  let taken = 0;
  // The stream id of the last entry taken (the current batch's last).
  let last = '0';
  try {
    await untilJobExists(redis, job, onWaitingForJob);
    const pendingJson = await leaseFollower(redis, job, token, options.onWaitingForFollower);
    leased = true;
    // While this follower lives (even while its reader is slow to take lines), enqueue feeds the
    // job only as fast as the follower takes its results.
    heartbeat = setInterval(() => void followerHeartbeat(redis, job, token).then((held) => (lostLease ||= !held), () => undefined), HEARTBEAT_MS);
    heartbeat.unref();
    if (pendingJson !== '') await settlePending(redis, job, token, JSON.parse(pendingJson) as PendingBatch, outputFd, options.onRewrite);

    let ended: string | undefined;
    let enqueueLost = false;
    // The job's end was read: check its state now rather than after a blocking read.
    let endSeen = false;
    for (;;) {
      if (lostLease) throw takenOver(job);
      if (options.signal?.aborted) return 'stopped';
      // One script call: the batch written leaves Redis (it reached the OS), the next is taken and
      // recorded as pending; then its lines are read. Stopped while the call is on its way (even to
      // a Redis that is gone): drop it; a batch it took and recorded stays in Redis, unwritten, for
      // the next follower.
      const position = filePosition(outputFd);
      let recorded = false;
      const taking = acknowledgeAndTake(redis, job, token, taken, last, batch, position === undefined ? '' : JSON.stringify(position), () => (recorded = true));
      let reply = await orStopped(taking, options.signal);
      // Stopped once the batch was taken and recorded, while its lines were on their way: they are
      // waited for (at most STOP_WAIT_MS), then written and acknowledged as any batch taken, rather
      // than left pending for the next follower to write again (to a pipe, with a warning).
      if (reply === STOPPED && recorded) reply = await withinStopWait(taking);
      if (reply === STOPPED) return 'stopped';
      const took = mayGoOn(job, reply);
      taken = 0;
      if (took.entries > 0) {
        last = took.last;
        if (wholeBatches) {
          taken = took.entries;
          if (took.text.length > 0) yield took.text;
        } else {
          const missing = new Set(took.missing);
          let entry = 0;
          for (const line of linesOf(took.text)) {
            while (missing.has(entry)) entry++;
            taken = ++entry;
            yield line;
          }
          taken = took.entries;
        }
        // The caller asked for more: the batch was written. Once it reached the OS, the next round trip acknowledges it.
        if (flushed && !(await flushed())) return 'stopped';
        // A short batch took all there was: let more gather first (stopped meanwhile: the batch is acknowledged on the way out).
        if (took.entries < batch && ended === undefined && gatherMs > 0) {
          // Written where it cannot be read back (a pipe, no fd): a follower killed while results gather would make the
          // next one write the whole batch again, so it is acknowledged now, in a round trip of its own. (To a regular
          // file, the next take acknowledges it: a restarted follower reads back what was written.)
          if (position === undefined) {
            const acked = await orStopped(acknowledgePending(redis, job, token, taken, last), options.signal);
            if (acked === STOPPED) return 'stopped';
            mayGoOn(job, acked);
            taken = 0;
          }
          if ((await orStopped(sleep(gatherMs), options.signal)) === STOPPED) return 'stopped';
        }
        continue;
      }
      if (ended === 'complete' || ended === 'cancelled') return ended;
      if (!endSeen) {
        // Waits for results or the job's end (read from its start: once there, it wakes every
        // read). A read takes nothing from Redis: stopped while it waits, drop it.
        const reply = (await orStopped(redis.xread('COUNT', 1, 'BLOCK', waitMs, 'STREAMS', keys.stored, keys.ended, last, '0'), options.signal)) as StreamReply | typeof STOPPED;
        if (reply === STOPPED) return 'stopped';
        if (reply?.some(([key]) => key === keys.ended)) endSeen = true;
        if (reply?.some(([key]) => key === keys.stored)) continue;
      }
      const summary = await readJobSummary(redis, job);
      if (summary === undefined) throw gone(job);
      if ((summary.state === 'enqueuing' && summary.enqueue === 'lost') !== enqueueLost) {
        enqueueLost = !enqueueLost;
        options.onEnqueueLost?.(enqueueLost);
      }
      // Ended: one more take takes what was stored before the end.
      if (summary.state === 'complete' || summary.state === 'cancelled') ended = summary.state;
      endSeen = false;
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    clearInterval(heartbeat);
    // Stopped by the caller (return()) mid-batch: the lines it took were written; if they
    // reached the OS, they leave Redis, the rest stays for the next follower.
    // Each at most STOP_WAIT_MS when stopped (Redis may be gone): what is not acknowledged stays
    // recorded as pending, for the next follower to settle; an unreleased lease expires.
    const bounded = (call: Promise<unknown>) => (options.signal?.aborted ? atMost(call, STOP_WAIT_MS) : call);
    if (leased && !failed && !lostLease && taken > 0 && (!flushed || (await flushed().catch(() => false)))) {
      await bounded(acknowledgePending(redis, job, token, taken, last).catch(() => undefined));
    }
    if (leased && !lostLease) await bounded(releaseFollower(redis, job, token).catch(() => undefined));
    redis.disconnect();
  }
}

/** Acknowledges what the follower before wrote of its last batch; the rest stays in Redis to be written. */
async function settlePending(redis: Redis, job: string, token: string, pending: PendingBatch, outputFd: number | undefined, onRewrite: ((lines: number) => void) | undefined): Promise<void> {
  const lines = pending.at === undefined ? undefined : linesWrittenSince(outputFd, pending.at);
  if (lines === undefined) {
    // Not checkable (a pipe, or another file): those lines are written again rather than lost.
    const rewritten = (await takeLines(redis, job, pending.entries.map(([index]) => index))).filter((line) => line !== null).length;
    if (rewritten > 0) onRewrite?.(rewritten);
    mayGoOn(job, await acknowledge(redis, job, token, []));
    return;
  }
  const written = new Set(lines.map(indexOf));
  mayGoOn(job, await acknowledge(redis, job, token, pending.entries.filter(([index]) => written.has(index))));
}
