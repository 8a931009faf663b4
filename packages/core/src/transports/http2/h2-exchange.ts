import type { ClientHttp2Session, ClientHttp2Stream, IncomingHttpHeaders, IncomingHttpStatusHeader } from 'node:http2';
import { redactUrl } from '../../base/redact-url.js';
import { contentLength, requestTarget } from '../http1/request-head.js';
import { requestHeaders } from '../request-headers.js';
import { H2HeaderList, h2RequestHeaders } from './h2-headers.js';
import { NGHTTP2_CANCEL, streamError } from './h2-errors.js';
import type { H2Request } from './h2-request.js';

/** What the session learns when a stream closes. */
export interface StreamOwner {
  /** Whether the server left `stream` unprocessed (refused it, or it is past a `GOAWAY`'s last stream id). */
  wasRefused(stream: ClientHttp2Stream): boolean;
  /**
   * The stream is done, once: its response ended (the server's END_STREAM: closed as far as the
   * server's stream limit counts, though Node's 'close' comes a turn later), or it closed early;
   * `refused`: the request goes back to be sent again.
   */
  streamClosed(request: H2Request, refused: boolean): void;
}

/** Sends again a request the server refused unprocessed at most this many times. */
const MAX_REFUSALS = 4;

/**
 * Sends `request` as one stream of `session` and feeds the response to its handler: status and
 * headers, the body (paused while the handler's decoder is full: HTTP/2 flow control then holds
 * the server back), its end. An abort or the body cap closes the stream with `CANCEL` (the
 * connection and the other streams go on). A stream the server refused before processing it is
 * handed back to be sent again; any other early close fails the request with a `NetworkError`
 * (see {@link streamError}). Throws what `session.request` throws (a session that is closing).
 */
export function exchange(session: ClientHttp2Session, request: H2Request, authority: string, owner: StreamOwner): void {
  const { req } = request;
  const body = req.body;
  const bodyLength = contentLength(req.method, body);
  const headers = h2RequestHeaders(req, authority, requestTarget(request.path), requestHeaders(req.headers), bodyLength);
  const sendsBody = body !== undefined && bodyLength !== 0;
  const stream = session.request(headers, { endStream: !sendsBody });
  const handler = request.responseHandler();
  let responded = false;
  let ended = false;
  let failure: unknown;
  handler.onConnect(() => {
    if (!stream.closed) stream.close(NGHTTP2_CANCEL);
  });
  stream.on('response', (fields: IncomingHttpHeaders & IncomingHttpStatusHeader, _flags: number, raw: string[]) => {
    responded = true;
    handler.onHead(fields[':status'] ?? 0, new H2HeaderList(raw), () => stream.resume());
  });
  stream.on('data', (chunk: Buffer) => {
    if (!handler.onData(chunk)) stream.pause();
  });
  stream.on('end', () => {
    // Node ends the readable side of a stream its session dropped too: no response, no success.
    if (!responded) return;
    ended = true;
    owner.streamClosed(request, false);
    handler.onComplete();
  });
  stream.on('error', (error: Error) => (failure ??= error));
  stream.on('close', () => {
    if (ended) return;
    const refused = !responded && request.aborted === undefined && request.refusals < MAX_REFUSALS && owner.wasRefused(stream);
    if (refused) request.refusals++;
    owner.streamClosed(request, refused);
    if (!refused) handler.onError(streamError(stream.rstCode, failure, `${req.method} ${redactUrl(req.url)}`));
  });
  if (sendsBody) stream.end(body);
}
