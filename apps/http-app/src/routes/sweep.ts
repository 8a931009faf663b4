import type { IncomingMessage, ServerResponse } from 'node:http';
import { kneeOf, sweep, sweepConcurrencies, type SweepLevel, type SweepOptions } from '@fanout/core';
import { postUrl } from '@fanout/demo-upstream';
import { callOptions, runCall } from '../call-options.js';
import type { AppContext, RequestScope } from '../context.js';
import { LIMITS, parseRunQuery, type RunQuery } from '../params.js';
import { answeredHeadOfCall, sendJson } from '../respond.js';
import { checkSweepFits } from '../sweep-plan.js';
import { effectiveSettings } from '../upstream-shaping.js';

/** A sweep's answer: the CLI's `--output json` (`sweep`, `best`: the knee), and whether every level ran. */
export interface SweepReport {
  readonly sweep: readonly SweepLevel[];
  /**
   * The knee ({@link kneeOf}) of a complete sweep; `null` when the deadline cut it short: the
   * levels that did not run might have been the best, so no knee is found.
   */
  readonly best: number | null;
  /** `false` when the call's deadline cut the sweep short (the cut level is left out). */
  readonly complete: boolean;
}

/**
 * The query of a sweep. Against the embedded upstream, whose latency and failure rate for this
 * call are known, a sweep that could not end within its deadline is refused before it runs
 * (400 `ESWEEPTOOLONG`, see {@link checkSweepFits}).
 */
export function parseSweepQuery(ctx: AppContext, params: URLSearchParams): RunQuery {
  const query = parseRunQuery(params);
  if (ctx.embeddedUpstream) {
    checkSweepFits(query.ids.length, query.concurrency, effectiveSettings(ctx.embeddedUpstream, query.upstream), ctx.runOptions, ctx.limits.deadlineMs, LIMITS.maxIds);
  }
  return query;
}

/** The core's sweep of the query's ids, up to its concurrency, within the call's deadline. */
export function sweepRun(query: RunQuery, ctx: AppContext, res: ServerResponse, hooks: Pick<SweepOptions, 'onLevel' | 'onResult'> = {}) {
  const urls = query.ids.map((id) => postUrl(ctx.upstreamUrl, id));
  return runCall(ctx, res, async (signal): Promise<SweepReport> => {
    const levels = await sweep(urls, { ...callOptions(ctx, query), concurrency: query.concurrency, signal, ...hooks });
    const complete = levels.length === sweepConcurrencies(query.concurrency).length;
    return { sweep: levels, best: complete ? kneeOf(levels) : null, complete };
  });
}

/**
 * `GET /api/sweep?ids=…&concurrency=N`: the same ids at concurrency 1, 2, 4, … up to N, one level
 * after the other: `{ sweep: [{ concurrency, throughput, p95 }], best, complete }`.
 */
export async function handleSweep(req: IncomingMessage, res: ServerResponse, ctx: AppContext, scope: RequestScope): Promise<void> {
  const query = parseSweepQuery(ctx, scope.url.searchParams);
  if (answeredHeadOfCall(req, res, ctx, query)) return;
  const report = await sweepRun(query, ctx, res);
  if (report) sendJson(res, 200, report);
}
