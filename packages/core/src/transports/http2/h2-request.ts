import { toFanoutError } from '../../utils/to-fanout-error.js';
import type { TransportRequest, TransportResponse } from '../transport.js';
import { WholeBodyHandler } from '../whole-body-handler.js';

/**
 * One request on its way over HTTP/2: waiting for a stream, on one, or waiting again after the
 * server refused its stream unprocessed. Its response is read by a {@link WholeBodyHandler}, made
 * when it first gets a stream; until then an abort rejects it here (and `onAbort` takes it out
 * of the queue).
 */
export class H2Request {
  /** The reason the attempt was aborted (timeout, deadline, unsubscribe), once it was. */
  aborted: Error | undefined;
  /** Made when the request first gets a stream. */
  handler: WholeBodyHandler | undefined;
  /** Times sent again after a refusal (`REFUSED_STREAM`, or past a `GOAWAY`'s last stream). */
  refusals = 0;
  private readonly offAbort: () => void;

  constructor(
    readonly req: TransportRequest,
    readonly path: string,
    private readonly resolve: (response: TransportResponse) => void,
    private readonly reject: (error: unknown) => void,
    onAbort: (request: H2Request) => void,
  ) {
    this.offAbort = req.onAbort((reason) => {
      this.aborted = reason;
      if (this.handler === undefined) reject(reason);
      onAbort(this);
    });
  }

  /** The handler that reads the response, made on first use. */
  responseHandler(): WholeBodyHandler {
    return (this.handler ??= new WholeBodyHandler(
      this.req,
      (response) => {
        this.offAbort();
        this.resolve(response);
      },
      (error) => {
        this.offAbort();
        this.reject(error);
      },
      toFanoutError,
    ));
  }

  /** The request leaves the HTTP/2 path (sent over HTTP/1.1 instead): its outcome comes from `outcome`. */
  handOver(outcome: Promise<TransportResponse>): void {
    this.offAbort();
    outcome.then(this.resolve, this.reject);
  }

  /** Fails the request before it has a stream (the connection for it could not be made). */
  fail(error: unknown): void {
    if (this.handler !== undefined) {
      this.handler.onError(error);
      return;
    }
    this.offAbort();
    this.reject(toFanoutError(error));
  }
}
