import { IdListError, parseIdList } from '@fanout/demo-upstream';
import { AppError } from './app-error.js';

/** Input limits of the API. */
export const LIMITS = { maxIds: 100, minConcurrency: 1, maxConcurrency: 32, defaultConcurrency: 8 } as const;

export type RunModeParam = 'concurrent' | 'sequential';

/** A validated request for posts. */
export interface PostsQuery {
  readonly ids: readonly number[];
  readonly mode: RunModeParam;
  readonly concurrency: number;
}

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

/** `ids`, `mode` and `concurrency` of `/api/posts` and `/api/posts/stream`. */
export function parsePostsQuery(query: URLSearchParams): PostsQuery {
  only(query, ['ids', 'mode', 'concurrency']);
  const mode = query.get('mode') ?? 'concurrent';
  if (mode !== 'concurrent' && mode !== 'sequential') {
    throw new AppError(400, 'EBADMODE', `mode must be "concurrent" or "sequential", got "${mode}"`);
  }
  return { ids: ids(query), mode, concurrency: concurrency(query) };
}

/** `ids` and `concurrency` of `/api/compare`. */
export function parseCompareQuery(query: URLSearchParams): Omit<PostsQuery, 'mode'> {
  only(query, ['ids', 'concurrency']);
  return { ids: ids(query), concurrency: concurrency(query) };
}
