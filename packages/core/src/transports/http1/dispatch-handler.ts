import type { HeaderList } from '../raw-headers.js';

/**
 * What a connection tells the handler of one request: undici's callback API, which
 * `WholeBodyHandler` speaks for both clients, with the head as a {@link HeaderList} (`onHead`)
 * instead of undici's raw byte list. Each is called at most once, in this order, except
 * `onData` (any number of times); `onError` instead of the rest when the request fails.
 */
export interface DispatchHandler {
  /** The request is under way; `abort` drops it (and its connection), reporting `reason` to `onError`. */
  onConnect(abort: (reason: Error) => void): void;
  /** Status and headers; `resume` restarts reading after `onData` returned false. */
  onHead(status: number, headers: HeaderList, resume: () => void): boolean;
  /**
   * A body chunk, a view on a read buffer that is reused after the call (copy what is kept);
   * `last` when it ends the body and `onComplete` follows before the buffer is reused. False to
   * pause reading until `resume`.
   */
  onReadData(chunk: Buffer, last: boolean): boolean;
  onComplete(): void;
  onError(error: unknown): void;
}
