/** `enqueue` was given credentials (URL userinfo, an Authorization-like header): they would be stored in Redis. */
export class CredentialsRefusedError extends Error {
  override readonly name = 'CredentialsRefusedError' as const;
  readonly code = 'ECREDENTIALS' as const;
}
