import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { TransportRequest, TransportStreamResponse } from './transport.js';
import { ACCEPT_ENCODING, decodedBody } from './decoded-body.js';
import { mapError } from './undici-transport.js';

/** The body's chunks, undici's errors mapped to fanout's codes as `send` maps them. */
async function* mapped(body: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of body) yield chunk as Buffer;
  } catch (error) {
    throw mapError(error);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The body as a stream whose errors are mapped; destroying it frees the connection. */
function withMappedErrors(body: Readable): Readable {
  const outer = Readable.from(mapped(body), { objectMode: false });
  outer.once('close', () => {
    if (body.destroyed) return;
    body.on('error', () => undefined); // destroying an unread body errors it: nobody is listening any more
    body.destroy();
  });
  return outer;
}

/** `Transport.stream` on undici: `dispatcher.request`, resolved at the headers, body decoded. */
export async function undiciStream(dispatcher: Dispatcher, req: TransportRequest): Promise<TransportStreamResponse> {
  const url = new URL(req.url);
  let response: Dispatcher.ResponseData;
  try {
    response = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: req.method,
      headers: { 'accept-encoding': ACCEPT_ENCODING, ...req.headers },
      body: req.body ?? null,
      signal: req.signal,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  } catch (error) {
    throw mapError(error);
  }
  const headers = response.headers;
  return {
    status: response.statusCode,
    header: (name) => headerValue(headers[name]),
    headers: () => {
      const all: Record<string, string> = {};
      for (const [name, value] of Object.entries(headers)) {
        const joined = headerValue(value);
        if (joined !== undefined) all[name] = joined;
      }
      return all;
    },
      body: withMappedErrors(decodedBody(response.body, headerValue(headers['content-encoding']))),
  };
}
