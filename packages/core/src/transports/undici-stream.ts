import type { Dispatcher } from 'undici';
import { decodedBody } from './decoded-body.js';
import { requestHeaders } from './request-headers.js';
import type { TransportRequest, TransportStreamResponse } from './transport.js';
import { headerAccessors, headerValue, mapError } from './undici-transport.js';
import { splitUrl } from './url-parts.js';

/** `Transport.stream` on undici: `dispatcher.request`, resolved at the headers, the body decoded as it is read. */
export async function undiciStream(dispatcher: Dispatcher, req: TransportRequest): Promise<TransportStreamResponse> {
  const { origin, path } = splitUrl(req.url);
  let response: Dispatcher.ResponseData;
  try {
    response = await dispatcher.request({
      origin,
      path,
      method: req.method,
      headers: requestHeaders(req.headers),
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
    ...headerAccessors(headers),
    body: decodedBody(response.body, headerValue(headers['content-encoding']), mapError),
  };
}
