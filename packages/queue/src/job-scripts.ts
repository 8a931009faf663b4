import type { Redis } from 'ioredis';
import { jobKeys, lastingKeys } from './keys.js';
import { evalScript } from './eval-script.js';

/**
 * Lua: bits(key, list, step, set) reads (GET) or sets (SET to 1) the bits at list[1],
 * list[1 + step], ... of `key` with BITFIELD, up to 1000 arguments per command (not one SETBIT or GETBIT each),
 * and returns each bit's value before; setBits(key, list, step) sets them.
 */
export const BITS = `
local function bits(key, list, step, set)
  local was = {}
  local ops = {}
  local function flush()
    if #ops > 0 then for _, bit in ipairs(redis.call('BITFIELD', key, unpack(ops))) do table.insert(was, bit) end end
    ops = {}
  end
  for i = 1, #list, step do
    if set then
      table.insert(ops, 'SET') table.insert(ops, 'u1') table.insert(ops, list[i]) table.insert(ops, 1)
    else
      table.insert(ops, 'GET') table.insert(ops, 'u1') table.insert(ops, list[i])
    end
    if #ops >= 1000 then flush() end
  end
  flush()
  return was
end
local function setBits(key, list, step) return bits(key, list, step, true) end`;

/** A job's state as stored in its meta hash. */
export type StoredState = 'enqueuing' | 'enqueued' | 'complete' | 'cancelled';

// Stores results whose index is not yet done, atomically with the done bit, the stream entry a
// follower reads (one for the results stored together, up to 1000: field 'i', their indexes
// joined by commas) and the job's counters. KEYS: meta, results, stored, done. ARGV: the
// indexes joined by commas, their lines joined by newlines (an NDJSON line has none of its
// own: a batch whose counts differ is refused, nothing stored), and one '0' or '1' (failed)
// per result. Three arguments, not three per result: Redis and the worker's client handle a
// few large strings for less than hundreds of small ones.
// Returns how many were new; -1 when the job is gone, -2 when cancelled.
const STORE = `${BITS}
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return -1 end
if state == 'cancelled' then return -2 end
local indexes = {}
for index in string.gmatch(ARGV[1], '%d+') do table.insert(indexes, index) end
if #indexes == 0 then return 0 end
local lines, from = {}, 1
while from <= #ARGV[2] + 1 do
  local to = string.find(ARGV[2], '\\n', from, true) or (#ARGV[2] + 1)
  table.insert(lines, string.sub(ARGV[2], from, to - 1))
  from = to + 1
end
-- A line with a newline of its own would shift every line after it onto another index.
if #lines ~= #indexes or #ARGV[3] ~= #indexes then return redis.error_reply('ERR fanout: ' .. #indexes .. ' indexes, ' .. #lines .. ' lines, ' .. #ARGV[3] .. ' flags') end
local stored, failed = 0, 0
local fields = {}
local added = {}
local was = setBits(KEYS[4], indexes, 1)
for k = 1, #indexes do
  if was[k] == 0 then
    table.insert(fields, indexes[k])
    table.insert(fields, lines[k])
    table.insert(added, indexes[k])
    stored = stored + 1
    if string.byte(ARGV[3], k) == 49 then failed = failed + 1 end
  end
end
-- One HSET per 500 lines (unpack's bound is a few thousand values).
for from = 1, #fields, 1000 do redis.call('HSET', KEYS[2], unpack(fields, from, math.min(from + 999, #fields))) end
for from = 1, #added, 1000 do redis.call('XADD', KEYS[3], '*', 'i', table.concat(added, ',', from, math.min(from + 999, #added))) end
if stored > 0 then redis.call('HINCRBY', KEYS[1], 'stored', stored) end
if failed > 0 then redis.call('HINCRBY', KEYS[1], 'failed', failed) end
return stored`;

// Ends a job: to ARGV[1] (complete when every input is stored, cancelled always), then every
// key of the job expires after its TTL. An entry in the job's 'ended' stream wakes a follower
// blocked reading the results at once. KEYS: the job's lasting keys, meta first, 'ended' last.
const END = `
local state = redis.call('HGET', KEYS[1], 'state')
if not state or state == 'complete' or state == 'cancelled' then return 0 end
if ARGV[1] == 'complete' then
  if state ~= 'enqueued' then return 0 end
  if tonumber(redis.call('HGET', KEYS[1], 'stored') or '0') < tonumber(redis.call('HGET', KEYS[1], 'total') or '0') then return 0 end
end
local t = redis.call('TIME')
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'endedAt', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
redis.call('XADD', KEYS[#KEYS], '*', 'end', ARGV[1])
local ttl = tonumber(redis.call('HGET', KEYS[1], 'ttl') or '604800')
for _, key in ipairs(KEYS) do redis.call('EXPIRE', key, ttl) end
return 1`;

/** What {@link storeResults} found. */
export type StoreOutcome = { readonly stored: number } | { readonly stopped: 'gone' | 'cancelled' };

/** Stores `[index, line, failed]` results once each (a re-run chunk's repeats are dropped). */
export async function storeResults(redis: Redis, job: string, results: ReadonlyArray<readonly [number, string, boolean]>): Promise<StoreOutcome> {
  const keys = jobKeys(job);
  const indexes = new Array<number>(results.length);
  const lines = new Array<string>(results.length);
  let failed = '';
  results.forEach(([index, line, lineFailed], at) => {
    indexes[at] = index;
    lines[at] = line;
    failed += lineFailed ? '1' : '0';
  });
  const outcome = Number(await evalScript(redis, STORE, 4, keys.meta, keys.results, keys.stored, keys.done, indexes.join(','), lines.join('\n'), failed));
  return outcome === -1 ? { stopped: 'gone' } : outcome === -2 ? { stopped: 'cancelled' } : { stored: outcome };
}

/** Marks the job complete if every input is stored (and enqueue is over); its keys then expire. */
export async function completeIfDone(redis: Redis, job: string): Promise<boolean> {
  const keys = lastingKeys(job);
  return Number(await evalScript(redis, END, keys.length, ...keys, 'complete')) === 1;
}

/** Marks the job cancelled (unless it has ended); its keys then expire. */
export async function markCancelled(redis: Redis, job: string): Promise<boolean> {
  const keys = lastingKeys(job);
  return Number(await evalScript(redis, END, keys.length, ...keys, 'cancelled')) === 1;
}

// A follower's heartbeat, on Redis's clock, only while the job exists and (given its token,
// ARGV[1]) only while it holds the job's follower lease: -3 when another follower took over. KEYS: meta.
const HEARTBEAT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[1] and redis.call('HGET', KEYS[1], 'follower') ~= ARGV[1] then return -3 end
local t = redis.call('TIME')
redis.call('HSET', KEYS[1], 'followerAt', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
return 1`;

// Results stored and not yet taken by a live follower (one seen within ARGV[1] ms); 0 when
// there is none. KEYS: meta.
const UNREAD = `
local m = redis.call('HMGET', KEYS[1], 'stored', 'followed', 'followerAt')
if not m[3] then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if now - tonumber(m[3]) > tonumber(ARGV[1]) then return 0 end
return tonumber(m[1] or '0') - tonumber(m[2] or '0')`;

/** A follower not heard from for this long no longer holds enqueue back. */
export const FOLLOWER_GONE_MS = 10_000;

/**
 * Tells enqueue that a follower is reading the job (call every second or so); with the
 * follower's token, `false` once another follower has taken the job over.
 */
export async function followerHeartbeat(redis: Redis, job: string, token?: string): Promise<boolean> {
  const reply = await evalScript(redis, HEARTBEAT, 1, jobKeys(job).meta, ...(token === undefined ? [] : [token]));
  return Number(reply) !== -3;
}

/** Results a live follower has yet to take (0 without a follower: the results are kept). */
export async function unreadByFollower(redis: Redis, job: string): Promise<number> {
  return Number(await evalScript(redis, UNREAD, 1, jobKeys(job).meta, FOLLOWER_GONE_MS));
}

// Counts a failed chunk attempt on the job, only while the job exists. KEYS: meta.
const CHUNK_ERROR = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('HINCRBY', KEYS[1], 'chunkErrors', 1)`;

/** Counts a failed attempt of one of the job's chunks (shown by `status`). */
export async function countChunkError(redis: Redis, job: string): Promise<void> {
  await evalScript(redis, CHUNK_ERROR, 1, jobKeys(job).meta);
}

// The indexes in [ARGV[1], ARGV[1] + ARGV[2]) without a stored result, from one read of the
// bytes of the done bitmap that hold them (bit i: byte i / 8, most significant bit first, as
// SETBIT writes). KEYS: done.
const NOT_DONE = `
local out = {}
local from = tonumber(ARGV[1])
local to = from + tonumber(ARGV[2]) - 1
if to < from then return out end
local first = math.floor(from / 8)
local bytes = redis.call('GETRANGE', KEYS[1], first, math.floor(to / 8))
for i = from, to do
  local byte = string.byte(bytes, math.floor(i / 8) - first + 1) or 0
  if bit.band(bit.rshift(byte, 7 - i % 8), 1) == 0 then table.insert(out, i) end
end
return out`;

/** The inputs of a chunk (`count` from `start`) that have no stored result yet: a re-run chunk runs only these. */
export async function inputsWithoutResult(redis: Redis, job: string, start: number, count: number): Promise<number[]> {
  return ((await evalScript(redis, NOT_DONE, 1, jobKeys(job).done, start, count)) as number[]).map(Number);
}
