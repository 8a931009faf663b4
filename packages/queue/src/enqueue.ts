import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestInput } from '@fanout/core';
import type { ChunkData, ChunkOptions } from './chunk.js';
import { checkJobName, openRedis, parseQueueUrl } from './connection.js';
import { credentialHeaderIn, credentialsIn } from './credentials.js';
import { CredentialsRefusedError } from './credentials-refused-error.js';
import { claimJob, ENQUEUE_HEARTBEAT_MS, ENQUEUE_LOST_MS, forgetUnfedJob, recordFeed, type Claim, type FeedOutcome } from './enqueue-scripts.js';
import { JobStateError } from './errors.js';
import { InputFingerprint } from './input-fingerprint.js';
import { JobGoneError } from './job-gone-error.js';
import { completeIfDone, unreadByFollower } from './job-scripts.js';
import { isDeadHere, processToken } from './process-token.js';
import { PREFIX, QUEUE_NAME } from './keys.js';
import { loadBullmq } from './load-bullmq.js';

/** Options of {@link enqueueJob}. */
export interface EnqueueOptions extends ChunkOptions {
  /**
   * Inputs per chunk (one BullMQ job each). A resumed job keeps the size it was created with.
   * @default 500
   */
  readonly chunkSize?: number;
  /**
   * Chunks waiting in the queue at most: beyond that, enqueueing waits for workers to take
   * chunks, so Redis holds a bounded backlog however long the input is.
   * @default 20
   */
  readonly maxWaiting?: number;
  /**
   * Seconds a job's keys (results, counters) live after it ends (complete or cancelled).
   * @default 604800 (7 days)
   */
  readonly ttl?: number;
  /** Called after each chunk is added, with the inputs so far. @default undefined */
  readonly onChunk?: (added: { chunks: number; total: number }) => void;
  /**
   * Called once when another enqueue of the job was heard from lately: this one waits until that
   * one is lost (silent for 10 s) before it resumes the job, or gives up after that long. (One
   * that ran on this host and whose process is gone is taken over at once.)
   * @default undefined
   */
  readonly onWaitingForEnqueue?: (seenMsAgo: number) => void;
  /**
   * Stops feeding (Ctrl-C): the job keeps what was fed, and the same enqueue resumes it.
   * @default undefined
   */
  readonly signal?: AbortSignal;
}

/** What was enqueued. */
export interface EnqueueSummary {
  readonly job: string;
  /** Inputs fed to the job so far (all of them unless stopped or cancelled). */
  readonly total: number;
  readonly chunks: number;
  /** Inputs that an earlier enqueue of the job had fed already (0 for a new job). */
  readonly resumedFrom: number;
  /** The job had been fed every input of this list before: nothing was added. */
  readonly alreadyEnqueued: boolean;
  /** The job was cancelled while it was being enqueued: the rest was not added. */
  readonly cancelled: boolean;
  /** Stopped by `signal`: the same enqueue resumes the job. */
  readonly stopped: boolean;
}

const POLL_MS = 200;
const CLAIM_POLL_MS = 500;

/**
 * Splits the inputs into chunks as they stream in (a 10M-line file is never whole in memory)
 * and adds each as a BullMQ job, waiting while `maxWaiting` chunks are queued; then records the
 * job's size. The job records the fingerprint of the inputs it was fed and how many: the same
 * call again (same job, same list) resumes feeding where an enqueue that died or was stopped
 * left off, and another list for that job is refused. Refuses credentials (URL userinfo,
 * Authorization-like headers), which would be stored in Redis.
 *
 * @example
 * await enqueueJob('redis://127.0.0.1:6379/0', 'crawl-1', readLines(createReadStream('urls.txt')), { perHostRate: 10 });
 */
export async function enqueueJob(queueUrl: string, job: string, inputs: AsyncIterable<RequestInput> | Iterable<RequestInput>, options: EnqueueOptions = {}): Promise<EnqueueSummary> {
  checkJobName(job);
  const { chunkSize = 500, maxWaiting = 20, ttl = 604_800, onChunk, onWaitingForEnqueue, signal, ...chunkOptions } = options;
  const secretHeader = credentialHeaderIn(chunkOptions.headers);
  if (secretHeader !== undefined) throw new CredentialsRefusedError(`header ${secretHeader} carries credentials, which enqueue would store in Redis`);
  const redis = await openRedis(parseQueueUrl(queueUrl));
  // Loaded here, not at start-up: a follower or `status` never needs BullMQ.
  const { Queue } = await loadBullmq();
  const queue = new Queue<ChunkData>(QUEUE_NAME, { connection: redis, prefix: PREFIX });
  const token = processToken();
  const optionsJson = JSON.stringify(chunkOptions);
  let heartbeat: NodeJS.Timeout | undefined;
  let claim: Claim | undefined;
  let chunk = 0;
  let fed = 0;
  let outcome = 'ok' as FeedOutcome;
  let ended = false;
  const setOutcome = (next: FeedOutcome) => {
    if (outcome === 'ok') outcome = next;
  };
  try {
    claim = await claimWhenFree(redis, job, token, { ttl, options: optionsJson, chunkSize, emptyHash: new InputFingerprint().digest() }, onWaitingForEnqueue);
    if (claim.kind === 'cancelled') throw new JobStateError(`job "${job}" was cancelled (a new job needs a new --job name)`);
    if (claim.kind === 'busy') throw new JobStateError(`job "${job}" is being fed by another enqueue (heard from ${(claim.msAgo / 1000).toFixed(1)} s ago)`);
    const before = claim.kind === 'new' ? undefined : claim;
    if (before && before.options !== optionsJson) throw new JobStateError(`job "${job}" was enqueued with other request options: give the same flags to resume it`);
    const size = before?.chunkSize ?? chunkSize;
    const skip = before?.total ?? 0;
    chunk = before?.chunks ?? 0;
    fed = skip;
    if (claim.kind !== 'done') {
      heartbeat = setInterval(() => void recordFeed(redis, job, token).then(setOutcome, () => undefined), ENQUEUE_HEARTBEAT_MS);
      heartbeat.unref();
    }
    const fingerprint = new InputFingerprint();
    const differs = () => new JobStateError(`job "${job}" was fed ${skip} inputs of another list: give the same input list to resume it (or another --job name)`);
    let read = 0;
    let urls: RequestInput[] = [];
    // The feed recorded after the chunk before (and the heartbeat) tell whether the job may go on;
    // while waiting for room, each poll asks again.
    const roomInQueue = async () => {
      for (let polls = 0; ; polls++) {
        if (polls > 0) setOutcome(await recordFeed(redis, job, token));
        if (outcome !== 'ok' || signal?.aborted) return false;
        if ((await queue.getWaitingCount()) < maxWaiting && (await unreadByFollower(redis, job)) < maxWaiting * size) return true;
        await sleep(POLL_MS);
      }
    };
    const flush = async () => {
      if (urls.length === 0 || !(await roomInQueue())) return;
      const data: ChunkData = { job, chunk, start: read - urls.length, urls, options: chunkOptions };
      await queue.add('chunk', data, { jobId: `${job}.${chunk}`, removeOnComplete: true, removeOnFail: 100, attempts: 3 });
      chunk++;
      urls = [];
      setOutcome(await recordFeed(redis, job, token, { total: read, chunks: chunk, fedHash: fingerprint.digest() }));
      if (outcome === 'ok') fed = read;
      onChunk?.({ chunks: chunk, total: read });
    };
    for await (const input of inputs) {
      const problem = credentialsIn(input);
      if (problem !== undefined) throw new CredentialsRefusedError(`input ${read + 1} carries credentials (${problem}), which enqueue would store in Redis`);
      fingerprint.add(input);
      read++;
      if (read <= skip) {
        if (read === skip && fingerprint.digest() !== before?.fedHash) throw differs();
        continue;
      }
      if (claim.kind === 'done') throw differs();
      urls.push(input);
      if (urls.length >= size) await flush();
      if (outcome !== 'ok' || signal?.aborted) break;
    }
    if (read < skip) throw differs();
    if (claim.kind === 'done') return { job, total: skip, chunks: chunk, resumedFrom: skip, alreadyEnqueued: true, cancelled: false, stopped: false };
    if (outcome === 'ok' && !signal?.aborted) await flush();
    if (outcome === 'ok' && !signal?.aborted) {
      // No heartbeat after the end: it would find the job no longer enqueuing and read that as a cancel.
      clearInterval(heartbeat);
      setOutcome(await recordFeed(redis, job, token, { total: read, chunks: chunk, fedHash: fingerprint.digest() }, 'end'));
      ended = outcome === 'ok';
    }
    if (outcome === 'gone') throw new JobGoneError(`job "${job}" is no longer on the queue after ${fed} of its inputs were fed: Redis lost its data (restarted without persistence?) or the job expired`);
    if (outcome === 'superseded') throw new JobStateError(`another enqueue took over job "${job}" (this one was not heard from for ${ENQUEUE_LOST_MS / 1000} s)`);
    // The workers may have stored every result already.
    if (ended) await completeIfDone(redis, job);
    return { job, total: fed, chunks: chunk, resumedFrom: skip, alreadyEnqueued: false, cancelled: outcome === 'cancelled', stopped: !ended && outcome === 'ok' };
  } finally {
    clearInterval(heartbeat);
    // Not ended: the next enqueue may resume at once; a new job that got nothing is forgotten.
    if (claim !== undefined && (claim.kind === 'new' || claim.kind === 'resume') && !ended && outcome === 'ok') {
      await (claim.kind === 'new' && chunk === 0 ? forgetUnfedJob(redis, job, token) : recordFeed(redis, job, token, undefined, 'release')).catch(() => undefined);
    }
    await queue.close();
    redis.disconnect();
  }
}

/** Claims the job, waiting (up to the time that makes an enqueue lost) while another enqueue feeds it. */
async function claimWhenFree(
  redis: Parameters<typeof claimJob>[0],
  job: string,
  token: string,
  init: Parameters<typeof claimJob>[3],
  onWaiting: ((seenMsAgo: number) => void) | undefined,
): Promise<Claim> {
  const deadline = Date.now() + ENQUEUE_LOST_MS + 2 * CLAIM_POLL_MS;
  let dead = '';
  for (let tries = 0; ; tries++) {
    const claim = await claimJob(redis, job, token, init, dead);
    if (claim.kind !== 'busy' || Date.now() > deadline) return claim;
    // Killed on this host (its pid is gone): no need to wait for its heartbeat to go stale.
    if (isDeadHere(claim.other)) {
      dead = claim.other;
      continue;
    }
    if (tries === 0) onWaiting?.(claim.msAgo);
    await sleep(CLAIM_POLL_MS);
  }
}
