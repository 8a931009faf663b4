import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosRequestConfig, type GenericAbortSignal, isAxiosError } from 'axios';
import { DEFAULTS } from '../options.js';

const DEFAULT_MAX_BODY = DEFAULTS.maxBodyBytes;
import { BodyTooLargeError } from '../errors/body-too-large-error.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';

/** Options of {@link axiosTransport}. */
export interface AxiosTransportOptions {
  /**
   * Upper bound of open sockets per host in the keep-alive pool.
   * @default 256
   */
  readonly maxSockets?: number;
  /**
   * Use this axios instance instead of creating one (its agents and defaults are kept).
   * @default undefined (a new instance with keep-alive agents)
   */
  readonly instance?: AxiosInstance;
}

/**
 * An axios `GenericAbortSignal` on the request's `onAbort`: axios only needs `aborted` and
 * add/removeEventListener, and this spares a real AbortController per attempt.
 */
function abortSignalFor(request: TransportRequest): GenericAbortSignal {
  let aborted = false;
  let off: (() => void) | undefined;
  return {
    get aborted() {
      return aborted;
    },
    addEventListener(_type: 'abort', listener: (reason: Error) => void) {
      off = request.onAbort((reason) => {
        aborted = true;
        listener(reason);
      });
    },
    removeEventListener() {
      off?.();
    },
  };
}

/**
 * The default transport: axios over keep-alive agents, bodies read as text (the core parses
 * them), every status resolved (the core decides what is an error), redirects off unless asked.
 *
 * @example
 * const results = fanout(urls, { transport: axiosTransport({ maxSockets: 64 }) });
 */
export function axiosTransport(options: AxiosTransportOptions = {}): Transport {
  const maxSockets = options.maxSockets ?? 256;
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets, scheduling: 'lifo' });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets, scheduling: 'lifo' });
  const client =
    options.instance ??
    axios.create({
      httpAgent,
      httpsAgent,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      maxContentLength: DEFAULT_MAX_BODY,
    });

  return {
    name: 'axios',
    async send(request: TransportRequest): Promise<TransportResponse> {
      try {
        // Only what differs from the instance defaults: axios merges every key per request.
        const config: AxiosRequestConfig = { url: request.url, method: request.method, signal: abortSignalFor(request) };
        if (request.headers && Object.keys(request.headers).length > 0) config.headers = request.headers;
        if (request.body !== undefined) config.data = request.body;
        if (request.maxBodyBytes !== DEFAULT_MAX_BODY) config.maxContentLength = request.maxBodyBytes;
        if (request.followRedirects) config.maxRedirects = 5;
        const response = await client.request<string>(config);
        const headers = response.headers;
        return {
          status: response.status,
          header: (name) => {
            const value: unknown = headers[name];
            return value === undefined || value === null ? undefined : String(value);
          },
          headers: () => {
            const all: Record<string, string> = {};
            for (const [name, value] of Object.entries(headers)) {
              if (value !== undefined && value !== null) all[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
            }
            return all;
          },
          body: typeof response.data === 'string' ? response.data : String(response.data ?? ''),
        };
      } catch (error) {
        if (isAxiosError(error) && /maxContentLength/.test(error.message)) {
          throw new BodyTooLargeError(request.maxBodyBytes);
        }
        throw error;
      }
    },
    async close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
