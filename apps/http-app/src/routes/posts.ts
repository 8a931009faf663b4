import type { IncomingMessage, ServerResponse } from 'node:http';
import { fanout, paced, serializeResult, whenWritable, type SerializedResult } from '@fanout/core';
import { postUrl } from '@fanout/demo-upstream';
import type { AppContext, RequestScope } from '../context.js';
import { parsePostsQuery, type PostsQuery } from '../params.js';
import { sendJson } from '../respond.js';
import { runWhileConnected } from '../run-while-connected.js';

/** The run behind `/api/posts` and `/api/posts/stream`: the ids' posts from the upstream. */
export function postsRun(query: PostsQuery, ctx: AppContext, res: ServerResponse) {
  const urls = query.ids.map((id) => postUrl(ctx.upstreamUrl, id));
  return fanout(paced(urls, () => whenWritable(res)), {
    ...ctx.runOptions,
    transport: ctx.transport,
    concurrency: query.mode === 'sequential' ? 1 : query.concurrency,
  });
}

/** `GET /api/posts?ids=1,2,3&mode=concurrent&concurrency=8`: `{ results, summary }`. */
export async function handlePosts(_req: IncomingMessage, res: ServerResponse, ctx: AppContext, scope: RequestScope): Promise<void> {
  const query = parsePostsQuery(scope.url.searchParams);
  const results: SerializedResult[] = [];
  const summary = await runWhileConnected(postsRun(query, ctx, res), res, (result) => results.push(serializeResult(result)));
  if (!summary) return;
  results.sort((a, b) => a.index - b.index);
  sendJson(res, 200, { mode: query.mode, concurrency: query.mode === 'sequential' ? 1 : query.concurrency, results, summary });
}
