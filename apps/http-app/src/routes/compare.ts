import type { IncomingMessage, ServerResponse } from 'node:http';
import { compare } from '@fanout/core';
import { postUrl } from '@fanout/demo-upstream';
import { callOptions, callSignal } from '../call-options.js';
import type { AppContext, RequestScope } from '../context.js';
import { parseCompareQuery } from '../params.js';
import { answeredHead, JSON_TYPE, sendJson } from '../respond.js';

/** `GET /api/compare?ids=…&concurrency=N`: both runs' summaries and the speedup. */
export async function handleCompare(req: IncomingMessage, res: ServerResponse, ctx: AppContext, scope: RequestScope): Promise<void> {
  const query = parseCompareQuery(scope.url.searchParams);
  if (answeredHead(req, res, JSON_TYPE)) return;
  const gone = new AbortController();
  const onClose = () => gone.abort();
  res.once('close', onClose);
  const call = callSignal(ctx, gone.signal);
  try {
    const urls = query.ids.map((id) => postUrl(ctx.upstreamUrl, id));
    const comparison = await compare(urls, { ...callOptions(ctx, query.concurrency), signal: call.signal });
    if (gone.signal.aborted) return;
    sendJson(res, 200, comparison);
  } finally {
    res.off('close', onClose);
    call.dispose();
  }
}
