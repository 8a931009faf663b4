import type { IncomingMessage, ServerResponse } from 'node:http';
import { compare } from '@fanout/core';
import { postUrl } from '@fanout/demo-upstream';
import type { AppContext, RequestScope } from '../context.js';
import { parseCompareQuery } from '../params.js';
import { sendJson } from '../respond.js';

/** `GET /api/compare?ids=…&concurrency=N`: both runs' summaries and the speedup. */
export async function handleCompare(_req: IncomingMessage, res: ServerResponse, ctx: AppContext, scope: RequestScope): Promise<void> {
  const query = parseCompareQuery(scope.url.searchParams);
  const gone = new AbortController();
  const onClose = () => gone.abort();
  res.once('close', onClose);
  const comparison = await compare(
    query.ids.map((id) => postUrl(ctx.upstreamUrl, id)),
    { ...ctx.runOptions, transport: ctx.transport, concurrency: query.concurrency, signal: gone.signal },
  );
  res.off('close', onClose);
  if (gone.signal.aborted) return;
  sendJson(res, 200, comparison);
}
