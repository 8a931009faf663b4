import type { SecureContext } from 'node:tls';
import type { TransportTlsOptions } from './transport-options.js';

/** What every built-in transport passes to `tls.connect` for the origin's TLS (http1 itself, undici's connector, axios's https agent). */
export interface TlsConnectOptions {
  /**
   * `false` when the transport's `tls.rejectUnauthorized` is `false` (curl's `-k`).
   * @default undefined (left out: Node verifies the certificate)
   */
  readonly rejectUnauthorized?: boolean;
  /**
   * The transport's one secure context, when its `tls` has `ca`, `cert` or `key`.
   * @default undefined (Node's default context: its bundled CAs, no client certificate)
   */
  readonly secureContext?: SecureContext;
}

/**
 * One secure context for the whole transport (built once: parsing CAs per connection is slow),
 * with `ca` added to Node's bundled CAs and the client certificate, if any.
 */
export function tlsConnectOptions(tls: TransportTlsOptions | undefined): TlsConnectOptions {
  if (tls === undefined) return {};
  const needsContext = tls.ca !== undefined || tls.cert !== undefined || tls.key !== undefined;
  return {
    ...(tls.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
    ...(needsContext ? { secureContext: secureContextOf(tls) } : {}),
  };
}

/** `node:tls` is loaded here, when a context is needed, not when core is imported. */
function secureContextOf(tls: TransportTlsOptions): SecureContext {
  const { createSecureContext, rootCertificates } = process.getBuiltinModule('node:tls');
  return createSecureContext({
    ...(tls.ca !== undefined ? { ca: [...rootCertificates, tls.ca] } : {}),
    ...(tls.cert !== undefined ? { cert: tls.cert } : {}),
    ...(tls.key !== undefined ? { key: tls.key } : {}),
  });
}
