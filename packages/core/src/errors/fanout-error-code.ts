/**
 * The `code` of a `NetworkError`: the system or TLS code of the failure when there is one (the
 * ones listed are the usual; others pass through as they come), `EPROXY` when a proxy refused
 * the tunnel, zlib's code for a body that could not be decoded, else `ENETWORK`.
 */
export type NetworkErrorCode =
  | 'ECONNREFUSED'
  | 'ECONNRESET'
  | 'ENOTFOUND'
  | 'EAI_AGAIN'
  | 'EPIPE'
  | 'ENETUNREACH'
  | 'EHOSTUNREACH'
  | 'ECONNECTTIMEOUT'
  | 'EHEADERSOVERFLOW'
  | 'EPROTO'
  | 'ERR_INVALID_CHAR'
  | 'ERR_INVALID_HTTP_TOKEN'
  | 'ENETWORK'
  | 'DEPTH_ZERO_SELF_SIGNED_CERT'
  | 'SELF_SIGNED_CERT_IN_CHAIN'
  | 'CERT_HAS_EXPIRED'
  | 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
  | 'ERR_TLS_CERT_ALTNAME_INVALID'
  | 'EPROXY'
  | 'Z_DATA_ERROR'
  | 'Z_BUF_ERROR'
  | (string & Record<never, never>);

/**
 * The `code` of a `SinkError`: the system code of the storage failure (disk full, no
 * permission, read-only file system, a directory in the way, ...), else `ESINK`.
 */
export type SinkErrorCode = 'ENOSPC' | 'EDQUOT' | 'EACCES' | 'EPERM' | 'EROFS' | 'EISDIR' | 'ENOTDIR' | 'ENAMETOOLONG' | 'ESINK' | (string & Record<never, never>);

/** Every `code` a `FanoutError` may have: branch on these, never on message text. */
export type FanoutErrorCode =
  | 'EHTTP'
  | 'ETIMEDOUT'
  | 'EDEADLINE'
  | 'EABORTED'
  | 'EPARSE'
  | 'EJSONDEPTH'
  | 'EBODYTOOLARGE'
  | 'ERR_INVALID_URL'
  | 'ECIRCUITOPEN'
  | 'ERATELIMITED'
  | 'ELOWSPEED'
  | 'ETOOMANYREDIRECTS'
  | 'ETRANSPORTMISSING'
  | NetworkErrorCode
  | SinkErrorCode;
