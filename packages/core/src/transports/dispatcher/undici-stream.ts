import { Readable } from 'node:stream';
import type { DispatchController, DispatchHandler, Dispatcher } from './dispatcher-protocol.js';
import { decodedBody } from '../decoded-body.js';
import { requestHeaders } from '../request-headers.js';
import type { TransportRequest, TransportStreamResponse } from '../transport.js';
import { headerAccessors, headerValue, mapError } from './dispatch-one.js';
import { splitUrl } from '../url-parts.js';
import { timedAttempt, writingAttempt } from './undici-connection-timing.js';

/**
 * `Transport.stream` on undici's `dispatch`: resolves at the headers with the body as a stream
 * whose backpressure pauses the connection. It never pauses on a body's last chunk, nor on a body
 * that ends only when the connection closes: undici 7 crashes the process (an assertion in its
 * HTTP/1 parser, nodejs/undici#5360, fixed only in undici 8, which needs Node 22) when the
 * server closes the connection while the parser is paused.
 */
export function undiciStream(dispatcher: Dispatcher, req: TransportRequest): Promise<TransportStreamResponse> {
  return new Promise((resolve, reject) => {
    const { origin, path } = splitUrl(req.url);
    const timing = req.timing && timedAttempt(req.timing);
    let controller: DispatchController | undefined;
    let started = false;
    let expected: number | undefined;
    let received = 0;
    let neverPause = false;
    const body = new Readable({
      read() {
        if (controller?.paused) controller.resume();
      },
      destroy(error, callback) {
        if (!controller?.aborted) controller?.abort(error ?? new Error('Response body stream destroyed'));
        callback(error);
      },
    });
    const off = req.onAbort((reason) => {
      controller?.abort(reason);
      if (started) body.destroy(reason);
      else reject(reason);
    });
    dispatcher.dispatch(
      { origin, path, method: req.method, headers: requestHeaders(req.headers), body: req.body ?? null, headersTimeout: 0, bodyTimeout: 0 },
      {
        onRequestStart(requestController) {
          controller = requestController;
          if (timing) writingAttempt(timing);
        },
        onResponseStart(_controller, status, headers) {
          timing?.firstByte(performance.now());
          started = true;
          const length = Number(headerValue(headers['content-length']));
          expected = Number.isFinite(length) ? length : undefined;
          neverPause = expected === undefined && headers['transfer-encoding'] === undefined;
          resolve({ status, ...headerAccessors(headers), body: decodedBody(body, headerValue(headers['content-encoding']), mapError) });
        },
        onResponseData(dataController, chunk) {
          received += chunk.length;
          const last = expected !== undefined && received >= expected;
          if (!body.push(chunk) && !neverPause && !last) dataController.pause();
        },
        onResponseEnd() {
          off();
          body.push(null);
        },
        onResponseError(_controller, error) {
          off();
          const mapped = mapError(error);
          if (started) body.destroy(mapped as Error);
          else reject(mapped);
        },
      } satisfies DispatchHandler,
    );
  });
}
