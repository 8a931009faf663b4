import { Agent, type Dispatcher, interceptors, request } from 'undici';
import { BodyTooLargeError } from '../errors/body-too-large-error.js';
import { NetworkError } from '../errors/network-error.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';

/** Options of {@link undiciTransport}. */
export interface UndiciTransportOptions {
  /**
   * Upper bound of connections per origin in the pool.
   * @default 256
   */
  readonly connections?: number;
  /**
   * How long an idle keep-alive connection is kept, in milliseconds.
   * @default 4000
   */
  readonly keepAliveTimeout?: number;
}

/** undici's error codes, as the system codes fanout reports. */
const CODES: Readonly<Record<string, string>> = {
  UND_ERR_SOCKET: 'ECONNRESET',
  UND_ERR_CLOSED: 'ECONNRESET',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'ECONNRESET',
  UND_ERR_CONNECT_TIMEOUT: 'ECONNECTTIMEOUT',
  UND_ERR_HEADERS_OVERFLOW: 'EHEADERSOVERFLOW',
};

function mapError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in CODES) {
    return new NetworkError(CODES[code] as string, (error as Error).message, { cause: error });
  }
  return error;
}

async function readText(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw new BodyTooLargeError(limit);
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
}

/**
 * A transport on undici's `request` over a keep-alive `Agent`: the fastest way to fan out on
 * Node. Same contract as the axios one: text bodies, every status resolved, redirects off
 * unless asked, a body cap that drops the connection.
 *
 * @example
 * fanout(urls, { transport: undiciTransport({ connections: 64 }) });
 */
export function undiciTransport(options: UndiciTransportOptions = {}): Transport {
  const agent = new Agent({
    connections: options.connections ?? 256,
    keepAliveTimeout: options.keepAliveTimeout ?? 4000,
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  let redirecting: Dispatcher | undefined;

  return {
    name: 'undici',
    async send(req: TransportRequest): Promise<TransportResponse> {
      const dispatcher = req.followRedirects ? (redirecting ??= agent.compose(interceptors.redirect({ maxRedirections: 5 }))) : agent;
      try {
        const { statusCode, headers, body } = await request(req.url, {
          method: req.method,
          headers: req.headers,
          body: req.body,
          signal: req.signal,
          dispatcher,
        });
        const declared = Number(headers['content-length']);
        if (declared > req.maxBodyBytes) {
          body.destroy();
          throw new BodyTooLargeError(req.maxBodyBytes);
        }
        const text = await readText(body, req.maxBodyBytes);
        return {
          status: statusCode,
          header: (name) => {
            const value = headers[name];
            return Array.isArray(value) ? value.join(', ') : value;
          },
          body: text,
        };
      } catch (error) {
        throw mapError(error);
      }
    },
    close: () => agent.close(),
  };
}
