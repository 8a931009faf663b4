import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../context.js';
import { sendJson } from '../respond.js';

/**
 * `GET /api/upstream`: whether the app runs its embedded demo upstream, and if so the `latency`
 * (ms) and `failRate` (0–1) a call gets when it sets none; the page shows its upstream controls
 * only then. A call's own settings shape its own requests only, so these never change.
 */
export function handleUpstream(_req: IncomingMessage, res: ServerResponse, ctx: AppContext): void {
  const embedded = ctx.embeddedUpstream;
  sendJson(res, 200, embedded ? { embedded: true, ...embedded.defaults } : { embedded: false });
}
