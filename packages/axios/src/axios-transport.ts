import type { Agent as HttpAgent } from 'node:http';
import { Readable } from 'node:stream';
import axios, { type AxiosError, type AxiosInstance, type AxiosProxyConfig, type AxiosRequestConfig, type AxiosResponse, type GenericAbortSignal } from 'axios';
import {
  ACCEPT_ENCODING,
  BodyTooLargeError,
  FanoutError,
  NetworkError,
  bodyReader,
  decodedBody,
  errorCode,
  proxyRoute,
  requestHeaders,
  splitUrl,
  tlsConnectOptions,
  toNetworkError,
  type ProxyRoute,
  type Transport,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
  type TransportStreamResponse,
} from '@fanout/core/transport';
import { tunnelingHttpsAgent } from './tunneling-https-agent.js';

/** Options of {@link axiosTransport}: the common {@link TransportOptions}, and: */
export interface AxiosTransportOptions extends TransportOptions {
  /**
   * Send through your own axios instance: its interceptors run and its defaults apply. Per
   * request the transport still sets what its contract needs: the body as a stream (response
   * interceptors see `data` as a stream), every status resolved, axios's own proxy handling off
   * (the transport's `proxy` rules apply), redirects per `followRedirects`. The instance's own
   * `httpAgent` / `httpsAgent`, if it has them, are kept: `connections`, `proxy` (for https
   * targets) and `tls` then do not apply to them.
   * @default undefined (a new instance with keep-alive agents)
   * @example
   * const api = axios.create();
   * api.interceptors.request.use((config) => { config.headers.set('x-trace', traceId()); return config; });
   * fanout(urls, { transport: axiosTransport({ instance: api }) });
   */
  readonly instance?: AxiosInstance;
}

/** What every request of this transport needs from axios, whoever made the instance. */
const CONTRACT: AxiosRequestConfig = {
  responseType: 'stream',
  decompress: false,
  maxContentLength: -1,
  validateStatus: () => true,
  maxRedirects: 0,
  proxy: false,
  transformResponse: [(data: unknown) => data],
};

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

/** axios's own check (`isAxiosError`), without loading axios for it. */
function isAxiosError(error: unknown): error is AxiosError {
  return typeof error === 'object' && error !== null && (error as { isAxiosError?: unknown }).isAxiosError === true;
}

/** axios's errors at this transport's boundary: the underlying error's code, kept on a `NetworkError`. */
function mapError(error: unknown): unknown {
  if (isAxiosError(error)) {
    if (error.cause instanceof FanoutError) return error.cause;
    const code = errorCode(error.cause) ?? error.code;
    return code === undefined ? error : toNetworkError(error.cause ?? error, code);
  }
  return error instanceof FanoutError || errorCode(error) === undefined ? error : toNetworkError(error);
}

function headerValue(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : Array.isArray(value) ? value.join(', ') : String(value);
}

/** The forward-proxy setting for an http target routed through `proxy` (absolute-form requests). */
function forwardProxy(proxy: URL): AxiosProxyConfig {
  return {
    protocol: 'http',
    host: proxy.hostname,
    port: Number(proxy.port) || 80,
    ...(proxy.username !== '' || proxy.password !== ''
      ? { auth: { username: decodeURIComponent(proxy.username), password: decodeURIComponent(proxy.password) } }
      : {}),
  };
}

/** Reads the response stream through the shared body reader: decoded, capped, abortable. */
function readBody(stream: Readable, headers: Record<string, unknown>, request: TransportRequest): Promise<string> {
  return new Promise((resolve, reject) => {
    const limit = request.maxBodyBytes;
    let settled = false;
    let ended = false;
    let off = noop;
    const contentEncoding = headerValue(headers['content-encoding']);
    const reader = bodyReader({
      contentEncoding,
      contentType: headerValue(headers['content-type']),
      limit,
      done: (error, text) => {
        if (error) return fail(error);
        if (settled) return;
        settled = true;
        off();
        resolve(text ?? '');
      },
      onDrain: () => stream.resume(),
    });
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      off();
      reader.destroy();
      stream.destroy();
      reject(error);
    };
    off = request.onAbort(fail);
    if (contentEncoding === undefined && request.method !== 'HEAD' && Number(headers['content-length']) > limit) return fail(new BodyTooLargeError(limit));
    stream.on('data', (chunk: Buffer) => {
      if (!reader.write(chunk)) stream.pause();
    });
    stream.once('end', () => {
      ended = true;
      reader.end();
    });
    stream.once('error', (error) => fail(mapError(error)));
    stream.once('close', () => {
      if (!ended) fail(new NetworkError('ECONNRESET', 'The connection closed before the response body ended'));
    });
  });
}

/** A response's status and header accessors. */
function responseHead(response: AxiosResponse<unknown>): Omit<TransportResponse, 'body'> {
  const headers = response.headers as Record<string, unknown>;
  return {
    status: response.status,
    header: (name) => headerValue(headers[name]),
    headers: () => {
      const all: Record<string, string> = {};
      for (const [name, value] of Object.entries(headers)) {
        const text = headerValue(value);
        if (text !== undefined) all[name.toLowerCase()] = text;
      }
      return all;
    },
  };
}

async function toResponse(response: AxiosResponse<unknown>, request: TransportRequest): Promise<TransportResponse> {
  const headers = response.headers as Record<string, unknown>;
  const data = response.data;
  const body = data instanceof Readable ? await readBody(data, headers, request) : typeof data === 'string' ? data : String(data ?? '');
  return { ...responseHead(response), body };
}

/** A response whose body is left to stream (for a `sink`), decoded as it is read. */
function toStreamResponse(response: AxiosResponse<unknown>): TransportStreamResponse {
  const head = responseHead(response);
  const data = response.data;
  const raw = data instanceof Readable ? data : Readable.from([Buffer.from(typeof data === 'string' ? data : String(data ?? ''))]);
  return { ...head, body: decodedBody(raw, head.header('content-encoding'), mapError) };
}

/**
 * axios over keep-alive agents, with the same contract as the undici transport: text bodies
 * (gzip, deflate and br decoded by the core's reader, the cap on decoded bytes), every status
 * resolved, redirects off unless asked, and the same proxy rules (its own environment handling
 * is off: http targets go to the proxy in absolute form, https targets through a `CONNECT`
 * tunnel) and TLS options. Slower than undici per request; use it for axios's interceptors.
 *
 * @example
 * const results = fanout(urls, { transport: axiosTransport({ connections: 64, tls: { ca } }) });
 */
export function axiosTransport(options: AxiosTransportOptions = {}): Transport {
  const connections = options.connections ?? 256;
  const route: ProxyRoute | undefined = proxyRoute(options);
  const httpAgent = new (process.getBuiltinModule('node:http').Agent)({ keepAlive: true, maxSockets: connections, scheduling: 'lifo' });
  const httpsAgent = tunnelingHttpsAgent(route, { keepAlive: true, maxSockets: connections, scheduling: 'lifo', ...tlsConnectOptions(options.tls) });
  const instance = options.instance;
  const client = instance ?? axios.create({ ...CONTRACT, httpAgent, httpsAgent, headers: { 'Accept-Encoding': ACCEPT_ENCODING } });
  // A user's instance: the contract goes with every request (ours has it in its defaults).
  const base: AxiosRequestConfig = instance
    ? { ...CONTRACT, httpAgent: (instance.defaults.httpAgent as HttpAgent | undefined) ?? httpAgent, httpsAgent: (instance.defaults.httpsAgent as HttpAgent | undefined) ?? httpsAgent }
    : {};

  return {
    name: 'axios',
    async send(request: TransportRequest): Promise<TransportResponse> {
      return toResponse(await sendOne(request), request);
    },
    async stream(request: TransportRequest): Promise<TransportStreamResponse> {
      return toStreamResponse(await sendOne(request));
    },
    async close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };

  /** Sends one request; resolves at the response headers (the body is a stream). */
  async function sendOne(request: TransportRequest): Promise<AxiosResponse<unknown>> {
    const config: AxiosRequestConfig = { ...base, url: request.url, method: request.method, signal: abortSignalFor(request) };
    if (instance) config.headers = requestHeaders(request.headers);
    else if (request.headers && Object.keys(request.headers).length > 0) config.headers = request.headers;
    const body = request.body;
    if (body !== undefined) config.data = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    if (request.followRedirects) config.maxRedirects = 5;
    if (route !== undefined && request.url.startsWith('http:')) {
      const proxy = route(splitUrl(request.url).origin);
      if (proxy !== undefined) config.proxy = forwardProxy(proxy);
    }
    try {
      const response = await client.request<unknown>(config);
      request.timing?.firstByte(performance.now()); // it resolves at the headers; the connection is not known here
      return response;
    } catch (error) {
      throw mapError(error);
    }
  }
}

function noop(): void {}
