import type { IncomingMessage, ServerResponse } from 'node:http';
import { compare } from '@fanout/core';
import { postUrl } from '@fanout/demo-upstream';
import { callOptions, runCall } from '../call-options.js';
import type { AppContext, RequestScope } from '../context.js';
import { parseRunQuery } from '../params.js';
import { answeredHeadOfCall, sendJson } from '../respond.js';

/** `GET /api/compare?ids=…&concurrency=N`: both runs' summaries and the speedup. */
export async function handleCompare(req: IncomingMessage, res: ServerResponse, ctx: AppContext, scope: RequestScope): Promise<void> {
  const query = parseRunQuery(scope.url.searchParams);
  if (answeredHeadOfCall(req, res, ctx, query)) return;
  const urls = query.ids.map((id) => postUrl(ctx.upstreamUrl, id));
  const comparison = await runCall(ctx, res, (signal) => compare(urls, { ...callOptions(ctx, query), signal }));
  if (comparison) sendJson(res, 200, comparison);
}
