import type { IncomingMessage, ServerResponse } from 'node:http';
import { negotiate } from './accept.js';
import { AppError } from './app-error.js';
import type { AppContext } from './context.js';
import type { RunQuery } from './params.js';
import { answeredHead } from './respond.js';
import { checkShaping } from './upstream-shaping.js';

const NDJSON = 'application/x-ndjson';
const SSE = 'text/event-stream';

/**
 * Writes one record of a stream: SSE `event: NAME` with `json` as its data, or an NDJSON line
 * (`ndjson` when the line differs from the SSE data, e.g. `{"summary":…}`).
 */
export type RecordWriter = (event: string, json: string, ndjson?: string) => void;

/** NDJSON or SSE, by the client's `Accept` (NDJSON when it does not care); 406 when neither. */
function streamType(req: IncomingMessage): typeof NDJSON | typeof SSE {
  const type = negotiate(req.headers.accept, [NDJSON, SSE]);
  if (type === undefined) {
    throw new AppError(406, 'ENOTACCEPTABLE', `Accept ${JSON.stringify(req.headers.accept)} allows neither ${NDJSON} nor ${SSE}`);
  }
  return type;
}

/**
 * Writes `text` to a stream's response unless the client is so far behind that more than
 * `maxBuffered` bytes wait for it in the app (the response's and its socket's buffers): then the
 * connection is closed instead, which cancels the call's upstream requests (its 'close').
 */
function boundedWrite(res: ServerResponse, ctx: AppContext, text: string): void {
  if (res.destroyed) return;
  res.write(text);
  if (res.writableLength > ctx.limits.streamBufferBytes) {
    ctx.metrics.responsesCut.inc({ reason: 'buffer' });
    res.destroy();
  }
}

/**
 * Opens the stream of a call's run(s) (`/api/…/stream`): checks the query's `latency` /
 * `failRate` (a 400 while an answer can still be sent), picks NDJSON or SSE by `Accept`, answers
 * HEAD with the headers alone (`undefined`: nothing is to run), takes one of the app's call slots
 * (503 `EBUSY` when none is free), then sends the headers at once, with `X-Input-Count` (how many
 * inputs each run has, so that a client can size its progress and timeline before the first
 * record) and any `headers` given. Each record is written with a bound on what may wait for the
 * client (`STREAM_BUFFER_BYTES`): past it the connection is closed and the call cancelled.
 */
export function openRunStream(req: IncomingMessage, res: ServerResponse, ctx: AppContext, query: RunQuery, headers: Readonly<Record<string, string>> = {}): RecordWriter | undefined {
  checkShaping(ctx.embeddedUpstream, query.upstream);
  const type = streamType(req);
  const contentType = `${type}; charset=utf-8`;
  if (answeredHead(req, res, contentType)) return undefined;
  ctx.calls.admit(req, res);
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache', 'x-accel-buffering': 'no', vary: 'accept', 'x-input-count': String(query.ids.length), ...headers });
  res.flushHeaders();
  return type === SSE
    ? (event, json) => boundedWrite(res, ctx, `event: ${event}\ndata: ${json}\n\n`)
    : (_event, json, ndjson = json) => boundedWrite(res, ctx, `${ndjson}\n`);
}
