import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext, RequestScope } from '../context.js';
import { openRunStream } from '../event-stream.js';
import { parsePostsQuery } from '../params.js';
import { runWhileConnected } from '../run-while-connected.js';
import { postsRun } from './posts.js';

/**
 * `GET /api/posts/stream?…`: results as they complete, NDJSON (`application/x-ndjson`) or SSE
 * (`event: result`), the summary last (`{"summary":…}` or `event: summary`). A client that
 * disconnects cancels its upstream requests.
 */
export async function handlePostsStream(req: IncomingMessage, res: ServerResponse, ctx: AppContext, scope: RequestScope): Promise<void> {
  const query = parsePostsQuery(scope.url.searchParams);
  const write = openRunStream(req, res, ctx, query);
  if (!write) return;
  const summary = await runWhileConnected(postsRun(query, ctx, res), res, query.ids, (json) => write('result', json));
  if (!summary) return;
  const json = JSON.stringify(summary);
  write('summary', json, `{"summary":${json}}`);
  res.end();
}
