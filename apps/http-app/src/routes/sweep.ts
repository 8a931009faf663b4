import type { IncomingMessage, ServerResponse } from 'node:http';
import { kneeOf, sweep, sweepConcurrencies, type SweepLevel, type SweepOptions } from '@fanout/core';
import { postUrl } from '@fanout/demo-upstream';
import { callOptions, runCall } from '../call-options.js';
import type { AppContext, RequestScope } from '../context.js';
import type { RunQuery } from '../params.js';
import { parseRunQuery } from '../params.js';
import { answeredHeadOfCall, sendJson } from '../respond.js';

/** A sweep's answer: the CLI's `--output json` (`sweep`, `best`: the knee), and whether every level ran. */
export interface SweepReport {
  readonly sweep: readonly SweepLevel[];
  /** The knee ({@link kneeOf}); `null` when no level finished before the deadline. */
  readonly best: number | null;
  /** `false` when the call's deadline cut the sweep short (the cut level is left out). */
  readonly complete: boolean;
}

/** The core's sweep of the query's ids, up to its concurrency, within the call's deadline. */
export function sweepRun(query: RunQuery, ctx: AppContext, res: ServerResponse, hooks: Pick<SweepOptions, 'onLevel' | 'onResult'> = {}) {
  const urls = query.ids.map((id) => postUrl(ctx.upstreamUrl, id));
  return runCall(ctx, res, async (signal): Promise<SweepReport> => {
    const levels = await sweep(urls, { ...callOptions(ctx, query), concurrency: query.concurrency, signal, ...hooks });
    const planned = sweepConcurrencies(query.concurrency).length;
    return { sweep: levels, best: levels.length > 0 ? kneeOf(levels) : null, complete: levels.length === planned };
  });
}

/**
 * `GET /api/sweep?ids=…&concurrency=N`: the same ids at concurrency 1, 2, 4, … up to N, one level
 * after the other: `{ sweep: [{ concurrency, throughput, p95 }], best, complete }`.
 */
export async function handleSweep(req: IncomingMessage, res: ServerResponse, ctx: AppContext, scope: RequestScope): Promise<void> {
  const query = parseRunQuery(scope.url.searchParams);
  if (answeredHeadOfCall(req, res, ctx, query)) return;
  const report = await sweepRun(query, ctx, res);
  if (report) sendJson(res, 200, report);
}
