// `@fanout/core/transport`: what a transport package (`@fanout/undici`, `@fanout/axios`, your
// own) builds on, so that every transport maps errors, checks headers, routes proxies, reads TLS
// options and decodes bodies the same way (one implementation of each). Stable within a major
// version of `@fanout/core`, like the root export.

// The contract a transport implements.
export type { AttemptTiming, Transport, TransportRequest, TransportResponse, TransportStreamResponse } from './transports/transport.js';
export type { TransportOptions, TransportTlsOptions } from './transports/transport-options.js';

// Errors: a transport rejects with these (or lets `toNetworkError` make one from a Node error).
export { BodyTooLargeError } from './errors/body-too-large-error.js';
export { FanoutError } from './errors/fanout-error.js';
export { NetworkError } from './errors/network-error.js';
export { errorCode, toNetworkError } from './utils/to-fanout-error.js';

// Requests: the headers every transport sends, URL parts, proxies (`proxy`, `noProxy`, the env), TLS.
export { ACCEPT_ENCODING, requestHeaders } from './transports/request-headers.js';
export { splitUrl } from './transports/url-parts.js';
export { proxyAuthorization, proxyRoute, type ProxyRoute } from './transports/proxy-route.js';
export { authorityOf, openTunnel } from './transports/connect-tunnel.js';
export { tlsConnectOptions, type TlsConnectOptions } from './transports/tls-options.js';

// Responses: capped, decoded (gzip, deflate, br) bodies.
export { bodyReader, type BodyReader, type BodyReaderOptions } from './transports/body-reader.js';
export { decodedBody } from './transports/decoded-body.js';

// Any undici `Dispatcher` (the protocol only: undici itself is not loaded).
export { dispatchOne, headerAccessors, mapError as mapUndiciError } from './transports/dispatcher/dispatch-one.js';
export { undiciStream } from './transports/dispatcher/undici-stream.js';
export type { DispatchController, DispatchHandler, DispatchHeaders, DispatchOptions, Dispatcher } from './transports/dispatcher/dispatcher-protocol.js';
