import type { IncomingMessage, ServerResponse } from 'node:http';
import { negotiate } from '../accept.js';
import { AppError } from '../app-error.js';
import type { AppContext, RequestScope } from '../context.js';
import { parsePostsQuery } from '../params.js';
import { answeredHead } from '../respond.js';
import { runWhileConnected } from '../run-while-connected.js';
import { postsRun } from './posts.js';

const NDJSON = 'application/x-ndjson';
const SSE = 'text/event-stream';

/** NDJSON or SSE, by the client's `Accept` (NDJSON when it does not care); 406 when neither. */
function streamType(req: IncomingMessage): typeof NDJSON | typeof SSE {
  const type = negotiate(req.headers.accept, [NDJSON, SSE]);
  if (type === undefined) {
    throw new AppError(406, 'ENOTACCEPTABLE', `Accept ${JSON.stringify(req.headers.accept)} allows neither ${NDJSON} nor ${SSE}`);
  }
  return type;
}

/**
 * `GET /api/posts/stream?…`: results as they complete, NDJSON (`application/x-ndjson`) or SSE
 * (`event: result`), the summary last (`{"summary":…}` or `event: summary`). A client that
 * disconnects cancels its upstream requests.
 */
export async function handlePostsStream(req: IncomingMessage, res: ServerResponse, ctx: AppContext, scope: RequestScope): Promise<void> {
  const query = parsePostsQuery(scope.url.searchParams);
  const type = streamType(req);
  const contentType = `${type}; charset=utf-8`;
  if (answeredHead(req, res, contentType)) return;
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache', 'x-accel-buffering': 'no', vary: 'accept' });
  res.flushHeaders();
  const record = type === SSE ? (event: string, json: string) => `event: ${event}\ndata: ${json}\n\n` : (_event: string, json: string) => `${json}\n`;
  const summary = await runWhileConnected(postsRun(query, ctx, res), res, (json) => res.write(record('result', json)));
  if (summary) res.end(record('summary', type === SSE ? JSON.stringify(summary) : JSON.stringify({ summary })));
}
