import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../context.js';
import { sendJson } from '../respond.js';

/**
 * `GET /api/upstream`: whether the app runs its embedded demo upstream, and if so its
 * `latency` (ms) and `failRate` (0–1) now; the page shows its upstream controls only then.
 */
export function handleUpstream(_req: IncomingMessage, res: ServerResponse, ctx: AppContext): void {
  const controls = ctx.upstreamControls;
  sendJson(res, 200, controls ? { embedded: true, ...controls.current } : { embedded: false });
}
