import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import { BodyTooLargeError } from '../errors/body-too-large-error.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';

/** Options of {@link axiosTransport}. */
export interface AxiosTransportOptions {
  /**
   * Upper bound of open sockets per host in the keep-alive pool.
   * @default 256
   */
  readonly maxSockets?: number;
  /** Use this axios instance instead of creating one (its agents and defaults are kept). */
  readonly instance?: AxiosInstance;
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
    });

  return {
    name: 'axios',
    async send(request: TransportRequest): Promise<TransportResponse> {
      try {
        const response = await client.request<string>({
          url: request.url,
          method: request.method,
          headers: request.headers,
          data: request.body,
          signal: request.signal,
          maxContentLength: request.maxBodyBytes,
          maxRedirects: request.followRedirects ? 5 : 0,
        });
        const headers = response.headers;
        return {
          status: response.status,
          header: (name) => {
            const value: unknown = headers[name];
            return value === undefined || value === null ? undefined : String(value);
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
