import type { IncomingMessage, ServerResponse } from 'node:http';
import { fanout, paced, whenWritable } from '@fanout/core';
import { postUrl } from '@fanout/demo-upstream';
import { callOptions } from '../call-options.js';
import type { AppContext, RequestScope } from '../context.js';
import { parsePostsQuery, type PostsQuery } from '../params.js';
import { answeredHeadOfCall, sendJsonText } from '../respond.js';
import { runWhileConnected } from '../run-while-connected.js';

/** The concurrency a query runs at. */
export function runConcurrency(query: PostsQuery): number {
  return query.mode === 'sequential' ? 1 : query.concurrency;
}

/** The run behind `/api/posts` and `/api/posts/stream`: the ids' posts from the upstream. */
export function postsRun(query: PostsQuery, ctx: AppContext, res: ServerResponse) {
  const urls = query.ids.map((id) => postUrl(ctx.upstreamUrl, id));
  return fanout(paced(urls, () => whenWritable(res)), callOptions(ctx, query, runConcurrency(query)));
}

/** `GET /api/posts?ids=1,2,3&mode=concurrent&concurrency=8`: `{ mode, concurrency, results, summary }`. */
export async function handlePosts(req: IncomingMessage, res: ServerResponse, ctx: AppContext, scope: RequestScope): Promise<void> {
  const query = parsePostsQuery(scope.url.searchParams);
  if (answeredHeadOfCall(req, res, ctx, query)) return;
  const results: string[] = new Array<string>(query.ids.length);
  const summary = await runWhileConnected(postsRun(query, ctx, res), res, query.ids, (json, result) => (results[result.index] = json));
  if (!summary) return;
  // The results are JSON already (each serialised once, as it arrived): joined in input order.
  const head = JSON.stringify({ mode: query.mode, concurrency: runConcurrency(query) }).slice(0, -1);
  sendJsonText(res, 200, `${head},"results":[${results.join(',')}],"summary":${JSON.stringify(summary)}}`);
}
