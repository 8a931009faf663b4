import type { Redis } from 'ioredis';
import { JOBS_KEY, jobKeys } from './keys.js';
import { evalScript } from './eval-script.js';

/** An enqueue not heard from for this long (on Redis's clock) is `lost`: another may resume the job. */
export const ENQUEUE_LOST_MS = 10_000;
/** How often a feeding enqueue says it is alive. */
export const ENQUEUE_HEARTBEAT_MS = 1000;

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// Creates the job, or hands its feeding to this enqueue when the one before is lost (or is
// ARGV[8], known dead). KEYS: meta, jobs list. ARGV: token, lost ms, ttl, options JSON, chunk
// size, job name, hash of no input, dead token or ''. Returns {kind, total, chunks, fedHash,
// options, chunkSize, msAgo, other token}.
const CLAIM = `${NOW}
local m = redis.call('HMGET', KEYS[1], 'state', 'total', 'chunks', 'fedHash', 'options', 'chunkSize', 'feeder', 'feederAt')
if not m[1] then
  redis.call('HSET', KEYS[1], 'state', 'enqueuing', 'total', 0, 'chunks', 0, 'createdAt', now, 'ttl', ARGV[3], 'options', ARGV[4],
    'chunkSize', ARGV[5], 'fedHash', ARGV[7], 'feeder', ARGV[1], 'feederAt', now)
  redis.call('ZADD', KEYS[2], now, ARGV[6])
  return {'new'}
end
local facts = {m[2] or '0', m[3] or '0', m[4] or '', m[5] or '', m[6] or ''}
if m[1] == 'cancelled' then return {'cancelled'} end
if m[1] ~= 'enqueuing' then return {'done', unpack(facts)} end
local at = tonumber(m[8] or '0')
if m[7] ~= ARGV[1] and m[7] ~= ARGV[8] and at > 0 and now - at <= tonumber(ARGV[2]) then return {'busy', '0', '0', '', '', '', tostring(now - at), m[7] or ''} end
redis.call('HSET', KEYS[1], 'feeder', ARGV[1], 'feederAt', now)
return {'resume', unpack(facts)}`;

// Only for the enqueue feeding the job: records how far it was fed (ARGV[2..4]: total, chunks,
// fed hash, or '' to leave them), its heartbeat, and with ARGV[5] = 'end' the end of feeding.
// Returns 1, or -1 gone, -2 cancelled (or ended), -3 another enqueue took over. KEYS: meta.
const FEED = `${NOW}
local m = redis.call('HMGET', KEYS[1], 'state', 'feeder')
if not m[1] then return -1 end
if m[1] ~= 'enqueuing' then return -2 end
if m[2] ~= ARGV[1] then return -3 end
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'total', ARGV[2], 'chunks', ARGV[3], 'fedHash', ARGV[4]) end
if ARGV[5] == 'end' then redis.call('HSET', KEYS[1], 'state', 'enqueued', 'feederAt', now) redis.call('HDEL', KEYS[1], 'feeder')
elseif ARGV[5] == 'release' then redis.call('HSET', KEYS[1], 'feederAt', 0)
else redis.call('HSET', KEYS[1], 'feederAt', now) end
return 1`;

// Removes a job this enqueue created and fed nothing to (it failed before its first chunk).
// KEYS: meta, jobs list. ARGV: token, job name.
const FORGET = `
local m = redis.call('HMGET', KEYS[1], 'state', 'feeder', 'chunks')
if m[1] ~= 'enqueuing' or m[2] ~= ARGV[1] or m[3] ~= '0' then return 0 end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2])
return 1`;

/** What {@link claimJob} found. */
export type Claim =
  | { readonly kind: 'new' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'busy'; readonly msAgo: number; readonly other: string }
  | { readonly kind: 'resume' | 'done'; readonly total: number; readonly chunks: number; readonly fedHash: string; readonly options: string; readonly chunkSize: number };

/** What the enqueue of a job may still do: go on, or stop because the job is gone, cancelled or taken over. */
export type FeedOutcome = 'ok' | 'gone' | 'cancelled' | 'superseded';

/** Creates `job`, or takes over its feeding when the enqueue before is lost, stopped, or `deadToken` (known dead). */
export async function claimJob(redis: Redis, job: string, token: string, init: { ttl: number; options: string; chunkSize: number; emptyHash: string }, deadToken = ''): Promise<Claim> {
  const reply = (await evalScript(redis, CLAIM, 2, jobKeys(job).meta, JOBS_KEY, token, ENQUEUE_LOST_MS, init.ttl, init.options, init.chunkSize, job, init.emptyHash, deadToken)) as string[];
  const [kind, total, chunks, fedHash, options, chunkSize, msAgo, other] = reply;
  if (kind === 'new' || kind === 'cancelled') return { kind };
  if (kind === 'busy') return { kind, msAgo: Number(msAgo), other: other ?? '' };
  return { kind: kind === 'done' ? 'done' : 'resume', total: Number(total), chunks: Number(chunks), fedHash: fedHash ?? '', options: options ?? '', chunkSize: Number(chunkSize) };
}

const OUTCOMES: Record<string, FeedOutcome> = { '1': 'ok', '-1': 'gone', '-2': 'cancelled', '-3': 'superseded' };

/**
 * The feeding enqueue's write: how far it fed (`fed`), its heartbeat, and the end of feeding
 * (`end`) or its pause (`release`: another enqueue may resume at once).
 */
export async function recordFeed(
  redis: Redis,
  job: string,
  token: string,
  fed?: { total: number; chunks: number; fedHash: string },
  step: 'beat' | 'end' | 'release' = 'beat',
): Promise<FeedOutcome> {
  const args = fed ? [fed.total, fed.chunks, fed.fedHash] : ['', '', ''];
  const reply = await evalScript(redis, FEED, 1, jobKeys(job).meta, token, ...args, step);
  return OUTCOMES[String(reply)] ?? 'gone';
}

/** Removes a job that this enqueue created and fed nothing to. */
export async function forgetUnfedJob(redis: Redis, job: string, token: string): Promise<void> {
  await evalScript(redis, FORGET, 2, jobKeys(job).meta, JOBS_KEY, token, job);
}
