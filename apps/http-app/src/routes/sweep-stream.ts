import type { IncomingMessage, ServerResponse } from 'node:http';
import { sweepConcurrencies } from '@fanout/core';
import type { AppContext, RequestScope } from '../context.js';
import { openRunStream } from '../event-stream.js';
import { parseSweepQuery, sweepRun } from './sweep.js';

/**
 * `GET /api/sweep/stream?ids=…&concurrency=N`: the sweep of `/api/sweep`, live (its levels in the
 * `X-Sweep-Levels` header, e.g. `1,2,4,8`). As each result
 * arrives, its level's progress (`{"progress":{"concurrency","done","count"}}`, SSE
 * `event: progress`); as each level ends, the level with its failures (`{"level":…}`, SSE
 * `event: level`); last, the whole sweep (`{"sweep":…,"best":…,"complete":…}`, SSE `event: sweep`).
 */
export async function handleSweepStream(req: IncomingMessage, res: ServerResponse, ctx: AppContext, scope: RequestScope): Promise<void> {
  const query = parseSweepQuery(ctx, scope.url.searchParams);
  const write = openRunStream(req, res, ctx, query, { 'x-sweep-levels': sweepConcurrencies(query.concurrency).join(',') });
  if (!write) return;
  const count = query.ids.length;
  let done = 0;
  const report = await sweepRun(query, ctx, res, {
    onResult(concurrency) {
      done = done % count === 0 ? 1 : done + 1;
      const json = JSON.stringify({ concurrency, done, count });
      write('progress', json, `{"progress":${json}}`);
    },
    onLevel(level, summary) {
      const json = JSON.stringify({ ...level, failed: summary.failed });
      write('level', json, `{"level":${json}}`);
    },
  });
  if (!report) return;
  write('sweep', JSON.stringify(report));
  res.end();
}
