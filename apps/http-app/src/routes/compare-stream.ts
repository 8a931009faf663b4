import type { IncomingMessage, ServerResponse } from 'node:http';
import { compare, type FetchResult, type RunMode } from '@fanout/core';
import { postUrl } from '@fanout/demo-upstream';
import { callOptions, runCall } from '../call-options.js';
import type { AppContext, RequestScope } from '../context.js';
import { openRunStream } from '../event-stream.js';
import { parseRunQuery } from '../params.js';
import { epochNow, resultJson } from '../result-json.js';

/**
 * `GET /api/compare/stream?ids=…&concurrency=N`: the compare of `/api/compare`, live. Each
 * result as it completes, tagged with its run (`{"run":"sequential",…}`, SSE `event: result`;
 * `startMs` counts from its own run's start), then the comparison (`{"comparison":…}`, SSE
 * `event: comparison`). A client that disconnects cancels its upstream requests.
 */
export async function handleCompareStream(req: IncomingMessage, res: ServerResponse, ctx: AppContext, scope: RequestScope): Promise<void> {
  const query = parseRunQuery(scope.url.searchParams);
  const write = openRunStream(req, res, ctx, query);
  if (!write) return;
  const urls = query.ids.map((id) => postUrl(ctx.upstreamUrl, id));
  // The concurrent run starts when the sequential one's last request has ended.
  const origins: Record<RunMode, number> = { sequential: epochNow(), concurrent: 0 };
  let sequentialEnd = origins.sequential;
  const onResult = (run: RunMode, raw: FetchResult) => {
    if (run === 'sequential') sequentialEnd = Math.max(sequentialEnd, raw.timing.end);
    else if (origins.concurrent === 0) origins.concurrent = sequentialEnd;
    const json = resultJson(raw, { ids: query.ids, origin: origins[run] });
    write('result', `{"run":"${run}",${json.slice(1)}`);
  };
  const comparison = await runCall(ctx, res, (signal) => compare(urls, { ...callOptions(ctx, query), signal, onResult }));
  if (!comparison) return;
  const json = JSON.stringify(comparison);
  write('comparison', json, `{"comparison":${json}}`);
  res.end();
}
