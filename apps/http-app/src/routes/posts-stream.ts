import type { IncomingMessage, ServerResponse } from 'node:http';
import { serializeResult } from '@fanout/core';
import type { AppContext, RequestScope } from '../context.js';
import { parsePostsQuery } from '../params.js';
import { runWhileConnected } from '../run-while-connected.js';
import { postsRun } from './posts.js';

/** Whether the client asked for Server-Sent Events rather than NDJSON. */
function wantsSse(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/event-stream');
}

/**
 * `GET /api/posts/stream?…`: results as they complete, NDJSON (`application/x-ndjson`) or SSE
 * (`event: result`), the summary last (`{"summary":…}` or `event: summary`). A client that
 * disconnects cancels its upstream requests.
 */
export async function handlePostsStream(req: IncomingMessage, res: ServerResponse, ctx: AppContext, scope: RequestScope): Promise<void> {
  const query = parsePostsQuery(scope.url.searchParams);
  const sse = wantsSse(req);
  res.writeHead(200, {
    'content-type': sse ? 'text/event-stream; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  const record = (event: 'result' | 'summary', data: unknown) =>
    sse ? `event: ${event}\ndata: ${JSON.stringify(data)}\n\n` : `${JSON.stringify(event === 'summary' ? { summary: data } : data)}\n`;
  const summary = await runWhileConnected(postsRun(query, ctx, res), res, (result) => res.write(record('result', serializeResult(result))));
  if (summary) res.end(record('summary', summary));
}
