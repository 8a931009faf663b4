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
 * Starts a streamed answer (`/api/…/stream`): NDJSON or SSE by `Accept`, headers sent at once,
 * with `X-Input-Count` (how many inputs each run has, so that a client can size its progress
 * and timeline before the first record) and any `headers` given. `undefined` for HEAD (answered
 * with the headers alone: nothing is to run).
 */
export function openEventStream(req: IncomingMessage, res: ServerResponse, inputCount: number, headers: Readonly<Record<string, string>> = {}): RecordWriter | undefined {
  const type = streamType(req);
  const contentType = `${type}; charset=utf-8`;
  if (answeredHead(req, res, contentType)) return undefined;
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache', 'x-accel-buffering': 'no', vary: 'accept', 'x-input-count': String(inputCount), ...headers });
  res.flushHeaders();
  return type === SSE
    ? (event, json) => void res.write(`event: ${event}\ndata: ${json}\n\n`)
    : (_event, json, ndjson = json) => void res.write(`${ndjson}\n`);
}

/**
 * Opens the stream of a call's run(s): checks the query's `latency` / `failRate` first (a 400
 * while an answer can still be sent), then opens the stream (`undefined` for HEAD).
 */
export function openRunStream(req: IncomingMessage, res: ServerResponse, ctx: AppContext, query: RunQuery, headers: Readonly<Record<string, string>> = {}): RecordWriter | undefined {
  checkShaping(ctx.embeddedUpstream, query.upstream);
  return openEventStream(req, res, query.ids.length, headers);
}
