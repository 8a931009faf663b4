import { IdListError, parseIdList } from '@fanout/demo-upstream';
import { AppError } from './app-error.js';
import type { UpstreamSettings } from './upstream-shaping.js';

/** Input limits of the API. */
export const LIMITS = { maxIds: 100, minConcurrency: 1, maxConcurrency: 32, defaultConcurrency: 8, maxLatencyMs: 5000 } as const;

export type RunModeParam = 'concurrent' | 'sequential';

/** The ids and concurrency of a call, and what it sets of the embedded upstream. */
export interface RunQuery {
  readonly ids: readonly number[];
  readonly concurrency: number;
  /** `latency` and `failRate`, when given. */
  readonly upstream: Partial<UpstreamSettings>;
}

/** A validated request for posts. */
export interface PostsQuery extends RunQuery {
  readonly mode: RunModeParam;
}

const UPSTREAM_PARAMS = ['latency', 'failRate'] as const;

function only(query: URLSearchParams, allowed: readonly string[]): void {
  for (const key of new Set(query.keys())) {
    if (!allowed.includes(key)) throw new AppError(400, 'EUNKNOWNPARAM', `Unknown parameter "${key}"; allowed: ${allowed.join(', ')}`);
    if (query.getAll(key).length > 1) throw new AppError(400, 'EDUPLICATEPARAM', `Parameter "${key}" is given more than once`);
  }
}

function ids(query: URLSearchParams): number[] {
  const text = query.get('ids');
  if (text === null) throw new AppError(400, 'EMISSINGIDS', 'Parameter "ids" is required, e.g. ids=1,2,3 or ids=1-10');
  try {
    return parseIdList(text, LIMITS.maxIds);
  } catch (error) {
    if (error instanceof IdListError) throw new AppError(400, 'EBADIDS', `Bad ids: ${error.message}`);
    throw error;
  }
}

function concurrency(query: URLSearchParams): number {
  const text = query.get('concurrency');
  if (text === null) return LIMITS.defaultConcurrency;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < LIMITS.minConcurrency || n > LIMITS.maxConcurrency) {
    throw new AppError(400, 'EBADCONCURRENCY', `concurrency must be an integer from ${LIMITS.minConcurrency} to ${LIMITS.maxConcurrency}, got "${text}"`);
  }
  return n;
}

function upstream(query: URLSearchParams): Partial<UpstreamSettings> {
  const latency = query.get('latency');
  const failRate = query.get('failRate');
  if (latency !== null && (!/^\d+$/.test(latency) || Number(latency) > LIMITS.maxLatencyMs)) {
    throw new AppError(400, 'EBADLATENCY', `latency must be an integer from 0 to ${LIMITS.maxLatencyMs} (ms), got "${latency}"`);
  }
  if (failRate !== null && (!/^(?:0(?:\.\d+)?|1(?:\.0*)?)$/.test(failRate))) {
    throw new AppError(400, 'EBADFAILRATE', `failRate must be a number from 0 to 1, got "${failRate}"`);
  }
  return { ...(latency === null ? {} : { latency: Number(latency) }), ...(failRate === null ? {} : { failRate: Number(failRate) }) };
}

function runQuery(query: URLSearchParams, allowed: readonly string[]): RunQuery {
  only(query, [...allowed, ...UPSTREAM_PARAMS]);
  return { ids: ids(query), concurrency: concurrency(query), upstream: upstream(query) };
}

/** `ids`, `mode` and `concurrency` of `/api/posts` and `/api/posts/stream` (and `latency`, `failRate`). */
export function parsePostsQuery(query: URLSearchParams): PostsQuery {
  const run = runQuery(query, ['ids', 'mode', 'concurrency']);
  const mode = query.get('mode') ?? 'concurrent';
  if (mode !== 'concurrent' && mode !== 'sequential') {
    throw new AppError(400, 'EBADMODE', `mode must be "concurrent" or "sequential", got "${mode}"`);
  }
  return { ...run, mode };
}

/**
 * `ids` and `concurrency` (and `latency`, `failRate`) of `/api/compare`, `/api/sweep` and their
 * streams; for a sweep, `concurrency` is the highest level.
 */
export function parseRunQuery(query: URLSearchParams): RunQuery {
  return runQuery(query, ['ids', 'concurrency']);
}
