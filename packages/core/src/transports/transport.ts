import type { Readable } from 'node:stream';
import type { HttpMethod } from './http-method.js';

/** What the core asks a transport to send. */
export interface TransportRequest {
  readonly url: string;
  readonly method: HttpMethod;
  /**
   * The request's headers.
   * @default undefined (none but what the transport adds itself)
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The request body: text (sent as UTF-8) or bytes.
   * @default undefined (no body)
   */
  readonly body?: string | Uint8Array;
  /**
   * Aborts the attempt (timeout, deadline or unsubscribe); the transport must free the socket.
   * Made on first read: a transport on a hot path may use `onAbort` instead.
   */
  readonly signal: AbortSignal;
  /** Calls `listener` once if the attempt aborts (at once if it has); returns its removal. */
  onAbort(listener: (reason: Error) => void): () => void;
  /** Stop reading and throw `BodyTooLargeError` past this many body bytes. */
  readonly maxBodyBytes: number;
  /**
   * Whether the transport should follow redirects itself. The core follows them above the
   * transport (one set of rules for all) and always passes `false`; kept for transports used
   * on their own.
   */
  readonly followRedirects: boolean;
  /** Only with the `timeline` option: where the transport can tell, report the attempt's phases to it (http1, HTTP/2 included, and undici: both; axios: first byte). */
  readonly timing?: AttemptTiming;
}

/** Phases of one attempt a transport reports, on the `performance.now()` clock. */
export interface AttemptTiming {
  /** The new connection the attempt opened is ready (connected, TLS done); not called for a reused one. */
  connected(at: number): void;
  /** The response's status line and headers arrived. */
  firstByte(at: number): void;
}

/** A complete response, body decoded (gzip, deflate, br) and read as text. */
export interface TransportResponse {
  readonly status: number;
  /** Looks a response header up by its lower-case name (repeated headers joined by `, `). */
  readonly header: (name: string) => string | undefined;
  /** Every response header, lower-case names (repeated ones joined by `, `), built when called. */
  headers(): Record<string, string>;
  readonly body: string;
}

/** A response whose body is left to be read as a stream (for a `sink`). */
export interface TransportStreamResponse extends Omit<TransportResponse, 'body'> {
  /** The body, decoded (gzip, deflate, br); the caller reads it to the end or destroys it. */
  readonly body: Readable;
}

/**
 * Sends one HTTP request. Implementations reject with a `FanoutError` where they can tell
 * (`BodyTooLargeError`), or with the underlying error: the core maps system codes to
 * `NetworkError` and an aborted signal to its reason.
 */
export interface Transport {
  readonly name: string;
  send(request: TransportRequest): Promise<TransportResponse>;
  /**
   * Sends one request and resolves once the response headers are in, leaving the body to be
   * streamed (the `sink` option needs it; `maxBodyBytes` is then the reader's to apply).
   */
  stream?(request: TransportRequest): Promise<TransportStreamResponse>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}
