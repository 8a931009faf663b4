import type { TransportRequest } from './transport.js';

/**
 * The abort wiring of a dispatch handler, one for every handler: an abort of the request
 * (timeout, deadline, unsubscribe) aborts the dispatch, also when it comes before the connection
 * (`onConnect`) gave the handler its abort function, and fails the handler with the reason.
 */
export class DispatchAbort {
  private abortDispatch: ((reason: Error) => void) | undefined;
  private reason: Error | undefined;
  private stop: (() => void) | undefined;

  /**
   * Listens to `req`'s abort. A request aborted already calls `fail` at once, from here: the
   * handler's field holding this object is set by then (it is made before `listen` is called).
   */
  listen(req: TransportRequest, fail: (reason: Error) => void): void {
    this.stop = req.onAbort((reason) => {
      this.reason = reason;
      this.abortDispatch?.(reason);
      fail(reason);
    });
  }

  /** Stops listening to the request's abort (the handler settled). */
  off(): void {
    this.stop?.();
  }

  /** The handler's `onConnect`: the dispatch's abort, called at once if the request was aborted already. */
  connected(abort: (reason: Error) => void): void {
    this.abortDispatch = abort;
    if (this.reason) abort(this.reason);
  }

  /** Aborts the dispatch (drops the connection), if it started. */
  dispatch(reason: Error): void {
    this.abortDispatch?.(reason);
  }
}
