import type { Redis } from 'ioredis';
import { BITS, FOLLOWER_GONE_MS } from './job-scripts.js';
import { jobKeys } from './keys.js';
import { evalScript } from './eval-script.js';

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// Takes the job's follower lease unless another follower (other than ARGV[3], known dead) was
// heard from within ARGV[2] ms. KEYS: meta, pending. ARGV: token, gone ms, dead token or ''.
// Returns {1, pending JSON or ''}, {0, ms since the other was heard from, its token}, or {-1}
// when the job is gone.
const CLAIM = `${NOW}
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
local f = redis.call('HMGET', KEYS[1], 'follower', 'followerAt')
local at = tonumber(f[2] or '0')
if f[1] and f[1] ~= ARGV[1] and f[1] ~= ARGV[3] and at > 0 and now - at <= tonumber(ARGV[2]) then return {0, tostring(now - at), f[1]} end
redis.call('HSET', KEYS[1], 'follower', ARGV[1], 'followerAt', now)
return {1, redis.call('GET', KEYS[2]) or ''}`;

// Lua: acknowledge(pairs, first) acknowledges the written lines given as index, stream id pairs
// in the list pairs from pairs[first] on: sets their bits, removes their results, counts them as
// followed and drops the pending batch; a stream entry (the indexes of results stored together)
// goes once all its indexes are acknowledged. pendingPairs() is the pending batch as such a list
// (its first count entries, as TAKE recorded them): a follower acknowledges what it wrote of its
// batch by how many entries that is, without sending them back. KEYS: meta, results, stored,
// acked, pending. Returns how many were new.
const ACKNOWLEDGE = `${BITS}
local function allSet(key, list)
  for _, bit in ipairs(bits(key, list, 1, false)) do if bit == 0 then return false end end
  return true
end
local function pendingPairs(count, last)
  local pairs = {}
  local pending = redis.call('GET', KEYS[5])
  if not pending then return pairs end
  -- Only the batch the follower means (ending at stream id last): not one taken since. (The
  -- record is TAKE's own JSON, [index,"id"] entries: read with a pattern, twice as fast as cjson.)
  local final
  for id in string.gmatch(pending, ',"([^"]+)"%]%]') do final = id end
  if final ~= last then return pairs end
  local n = 0
  for index, id in string.gmatch(pending, '%[(%d+),"([^"]+)"%]') do
    n = n + 1
    if n > count then break end
    table.insert(pairs, index)
    table.insert(pairs, id)
  end
  return pairs
end
local function acknowledge(pairs, first)
  local n = 0
  local indexes, ids, seen = {}, {}, {}
  for i = first, #pairs, 2 do
    table.insert(indexes, pairs[i])
    if not seen[pairs[i + 1]] then
      seen[pairs[i + 1]] = true
      table.insert(ids, pairs[i + 1])
    end
  end
  for _, bit in ipairs(setBits(KEYS[4], indexes, 1)) do if bit == 0 then n = n + 1 end end
  -- One HDEL per 1000 entries (unpack's bound is a few thousand values).
  for from = 1, #indexes, 1000 do redis.call('HDEL', KEYS[2], unpack(indexes, from, math.min(from + 999, #indexes))) end
  for _, id in ipairs(ids) do
    local entry = redis.call('XRANGE', KEYS[3], id, id)[1]
    if entry then
      local all = {}
      for index in string.gmatch(entry[2][2], '[^,]+') do table.insert(all, index) end
      if allSet(KEYS[4], all) then redis.call('XDEL', KEYS[3], id) end
    end
  end
  if n > 0 then redis.call('HINCRBY', KEYS[1], 'followed', n) end
  redis.call('DEL', KEYS[5])
  return n
end`;

// Acknowledges written lines (see ACKNOWLEDGE). KEYS: meta, results, stored, acked, pending.
// ARGV: token, then index, stream id pairs, or 'pending', a count and a stream id (the first count
// entries of the pending batch, if it is still the one that ends at that id). Returns how many
// were new; -1 gone; -3 taken over.
const ACK = `${ACKNOWLEDGE}
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HGET', KEYS[1], 'follower') ~= ARGV[1] then return -3 end
if ARGV[2] == 'pending' then
  local pairs = pendingPairs(tonumber(ARGV[3]), ARGV[4])
  if #pairs == 0 then return 0 end
  return acknowledge(pairs, 1)
end
return acknowledge(ARGV, 2)`;

// Acknowledges the batch written (as ACK), then takes the next: the stream entries after id
// ARGV[2] until they hold ARGV[3] indexes (or none is left), recorded as the pending batch (with
// ARGV[4], the output's position as JSON, or '') for the next follower should this one die before
// acknowledging them. Their lines are not read here: a plain HMGET after it sends them straight
// from the hash (read in Lua, each line was copied into a Lua string, and all of them again into
// one: about 7 µs of Redis's CPU a line, more than the rest of a job's Redis work). KEYS: meta,
// results, stored, acked, pending. ARGV: token, last id, count, position, then 'pending' and how
// many of the pending batch's entries to acknowledge (those written; the pending batch ends at
// the last id). Returns {1, last id, entries, their indexes joined by commas} (0 entries: nothing
// new), -1 gone, -3 taken over.
const TAKE = `${ACKNOWLEDGE}
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HGET', KEYS[1], 'follower') ~= ARGV[1] then return -3 end
if ARGV[5] == 'pending' and tonumber(ARGV[6]) > 0 then
  local pairs = pendingPairs(tonumber(ARGV[6]), ARGV[2])
  if #pairs > 0 then acknowledge(pairs, 1) end
end
-- Whole entries (the results stored together), until there are ARGV[3] indexes or none is left.
local indexes, recorded = {}, {}
local last = ARGV[2]
while #indexes < tonumber(ARGV[3]) do
  local read = redis.call('XREAD', 'COUNT', 1, 'STREAMS', KEYS[3], last)
  if not read then break end
  local entry = read[1][2][1]
  last = entry[1]
  for index in string.gmatch(entry[2][2], '[^,]+') do
    table.insert(indexes, index)
    table.insert(recorded, '[' .. index .. ',"' .. last .. '"]')
  end
end
if #indexes == 0 then return {1, last, 0, ''} end
local pending = '{"entries":[' .. table.concat(recorded, ',') .. ']'
if ARGV[4] ~= '' then pending = pending .. ',"at":' .. ARGV[4] end
redis.call('SET', KEYS[5], pending .. '}')
return {1, last, #indexes, table.concat(indexes, ',')}`;

// Gives the lease up (a stopped follower): the next one starts at once, enqueue is held back no more.
const RELEASE = `
if redis.call('HGET', KEYS[1], 'follower') ~= ARGV[1] then return 0 end
redis.call('HDEL', KEYS[1], 'follower')
redis.call('HSET', KEYS[1], 'followerAt', 0)
return 1`;

/** An index with the id of its stream entry. */
export type StoredEntry = readonly [index: number, id: string];

/** Takes the follower lease of `job` (displacing `deadToken`, a follower known to have died). */
export async function claimFollower(
  redis: Redis,
  job: string,
  token: string,
  deadToken = '',
): Promise<{ kind: 'taken'; pending: string } | { kind: 'busy'; msAgo: number; other: string } | { kind: 'gone' }> {
  const keys = jobKeys(job);
  const [code, value, other] = (await evalScript(redis, CLAIM, 2, keys.meta, keys.pending, token, FOLLOWER_GONE_MS, deadToken)) as [number, string | undefined, string | undefined];
  if (code === -1) return { kind: 'gone' };
  if (code === 0) return { kind: 'busy', msAgo: Number(value), other: other ?? '' };
  return { kind: 'taken', pending: value ?? '' };
}

/**
 * The stored lines of `indexes`, `null` for those already acknowledged (or missing): a line
 * leaves the results hash in the same script that marks it acknowledged ({@link acknowledge}),
 * and a stored index is never stored again, so one HMGET tells.
 */
export async function takeLines(redis: Redis, job: string, indexes: readonly number[]): Promise<Array<string | null>> {
  if (indexes.length === 0) return [];
  return redis.hmget(jobKeys(job).results, ...indexes.map(String));
}

/** What an acknowledging script's reply means: -1 the job is gone, -3 another follower took it over. */
function ackOutcome(reply: number): 'ok' | 'gone' | 'taken-over' {
  return reply === -1 ? 'gone' : reply === -3 ? 'taken-over' : 'ok';
}

/** Acknowledges written entries; `gone` or `taken-over` when the follower may not go on. */
export async function acknowledge(redis: Redis, job: string, token: string, entries: readonly StoredEntry[]): Promise<'ok' | 'gone' | 'taken-over'> {
  const keys = jobKeys(job);
  return ackOutcome(Number(await evalScript(redis, ACK, 5, keys.meta, keys.results, keys.stored, keys.acked, keys.pending, token, ...entries.flat())));
}

/**
 * A batch taken: `entries` stream-stored results (recorded as the pending batch), their lines
 * each ended by a newline in `text`, without those acknowledged already (their 0-based positions
 * among the entries in `missing`), and the stream id of the last entry.
 */
export interface TakenBatch {
  readonly last: string;
  readonly entries: number;
  readonly missing: readonly number[];
  /** The lines with a newline after each, as the UTF-8 bytes Redis holds: to write out as they are. */
  readonly text: Buffer;
}

/**
 * Acknowledges the first `written` entries of the pending batch (the last one taken, ending at
 * stream id `after`, as Redis recorded it: they are not sent back) and takes up to `count`
 * results stored after stream id `after`, recorded as the pending batch at `position` (see
 * `settlePending`), then reads their lines: two round trips a batch. A taken line stays in Redis
 * until this follower (holding the lease) acknowledges it, so the read after the take finds it.
 * `onTaken` is called once a batch is taken and recorded, before its lines are read. `gone` or
 * `taken-over` when the follower may not go on.
 */
export async function acknowledgeAndTake(
  redis: Redis,
  job: string,
  token: string,
  written: number,
  after: string,
  count: number,
  position: string,
  onTaken?: () => void,
): Promise<TakenBatch | 'gone' | 'taken-over'> {
  const keys = jobKeys(job);
  const reply = (await evalScript(redis, TAKE, 5, keys.meta, keys.results, keys.stored, keys.acked, keys.pending, token, after, count, position, 'pending', written)) as number | [number, string, number, string];
  if (reply === -1) return 'gone';
  if (reply === -3 || !Array.isArray(reply)) return 'taken-over';
  const [, last, entries, indexes] = reply;
  if (Number(entries) === 0) return { last: String(last), entries: 0, missing: [], text: Buffer.alloc(0) };
  onTaken?.();
  // As Buffers: the follower writes the lines as they are, never decoding ~350 KB a batch into
  // strings to encode them again.
  const lines = (await redis.callBuffer('HMGET', keys.results, ...String(indexes).split(','))) as Array<Buffer | null>;
  const missing: number[] = [];
  const parts: Buffer[] = [];
  lines.forEach((line, position) => {
    if (line === null) missing.push(position);
    else parts.push(line, NEWLINE);
  });
  return { last: String(last), entries: Number(entries), missing, text: Buffer.concat(parts) };
}

const NEWLINE = Buffer.from('\n');

/**
 * Acknowledges the first `written` entries of the pending batch (see {@link acknowledgeAndTake})
 * if it is still the batch whose last stream id is `last` (a take that reached Redis after all,
 * by a follower stopped while it was on its way, recorded another one: nothing of that is written).
 */
export async function acknowledgePending(redis: Redis, job: string, token: string, written: number, last: string): Promise<'ok' | 'gone' | 'taken-over'> {
  const keys = jobKeys(job);
  return ackOutcome(Number(await evalScript(redis, ACK, 5, keys.meta, keys.results, keys.stored, keys.acked, keys.pending, token, 'pending', written, last)));
}

/** Gives the follower lease up. */
export async function releaseFollower(redis: Redis, job: string, token: string): Promise<void> {
  await evalScript(redis, RELEASE, 1, jobKeys(job).meta, token);
}
