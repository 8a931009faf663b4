import { redactUrl } from '@fanout/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../context.js';
import { sendJson } from '../respond.js';

/** `GET /healthz`: alive, and which upstream it uses. */
export function handleHealth(_req: IncomingMessage, res: ServerResponse, ctx: AppContext): void {
  sendJson(res, 200, { status: 'ok', upstream: redactUrl(ctx.upstreamUrl), uptimeSeconds: Math.round(process.uptime()) });
}

/** `GET /metrics`: Prometheus text format. */
export async function handleMetrics(_req: IncomingMessage, res: ServerResponse, ctx: AppContext): Promise<void> {
  const body = await ctx.metrics.registry.metrics();
  res.writeHead(200, { 'content-type': ctx.metrics.registry.contentType });
  res.end(body);
}
