/**
 * The part of undici's `Dispatcher` interface fanout uses (`dispatch` with a handler), written
 * out so that core needs neither undici nor its types: any undici dispatcher (`Agent`,
 * `MockAgent`, `ProxyAgent`, one composed with interceptors, the user's global one) is one.
 */
export interface Dispatcher {
  /**
   * Sends a request; `handler` is a {@link DispatchHandler} or one of undici's original callback
   * API (`onConnect`, `onHeaders`, `onData`, `onComplete`, `onError`), which it still calls.
   */
  dispatch(options: DispatchOptions, handler: object): boolean;
}

/** What fanout asks a dispatcher to send. */
export interface DispatchOptions {
  readonly origin: string;
  readonly path: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | null;
  readonly headersTimeout: number;
  readonly bodyTimeout: number;
}

/** The request in flight, as a dispatcher hands it to its handler. */
export interface DispatchController {
  readonly paused: boolean;
  readonly aborted: boolean;
  pause(): void;
  resume(): void;
  abort(reason: Error): void;
}

/** Response headers as undici gives them: lower-case names, a repeated header as an array. */
export type DispatchHeaders = Record<string, string | string[] | undefined>;

/** undici's (v7) handler API. */
export interface DispatchHandler {
  onRequestStart?(controller: DispatchController, context: unknown): void;
  onResponseStart?(controller: DispatchController, statusCode: number, headers: DispatchHeaders, statusMessage?: string): void;
  onResponseData?(controller: DispatchController, chunk: Buffer): void;
  onResponseEnd?(controller: DispatchController, trailers: DispatchHeaders): void;
  onResponseError?(controller: DispatchController, error: Error): void;
}
