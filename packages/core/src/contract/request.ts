import type { HttpMethod } from '../transports/http-method.js';

/** One request, fully described. A plain string or `URL` input means `GET` that URL. */
export interface RequestSpec {
  readonly url: string | URL;
  /** @default 'GET' */
  readonly method?: HttpMethod;
  /** Extra request headers. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** A request body, sent as is. @default undefined */
  readonly body?: string | Uint8Array;
}

/** Anything fanout accepts as one input item. */
export type RequestInput = string | URL | RequestSpec;

/** Normalises an input item to a `RequestSpec` with a string URL. */
export function toRequestSpec(input: RequestInput): RequestSpec & { readonly url: string; readonly method: HttpMethod } {
  if (typeof input === 'string') return { url: input, method: 'GET' };
  if (input instanceof URL) return { url: input.href, method: 'GET' };
  return { ...input, url: String(input.url), method: input.method ?? 'GET' };
}
