import type { HttpMethod } from '../transports/http-method.js';

/**
 * One request, fully described. A plain string or `URL` input means `GET` that URL.
 * `K` is the type of the caller's `key`.
 */
export interface RequestSpec<K = unknown> {
  readonly url: string | URL;
  /** @default 'GET' */
  readonly method?: HttpMethod;
  /** Extra request headers. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** A request body, sent as is. @default undefined */
  readonly body?: string | Uint8Array;
  /**
   * The caller's own identity for this request, opaque to fanout: it comes back unchanged (the
   * same value, not a copy) on the request's `FetchResult` and on the `sink`'s `SinkResponse`,
   * so the caller needs no map from fanout's `index` back to its input. Never sent, never
   * serialized (`serializeResult` leaves it out).
   * @default undefined (the result has no `key`)
   */
  readonly key?: K;
}

/** Anything fanout accepts as one input item. */
export type RequestInput<K = unknown> = string | URL | RequestSpec<K>;
