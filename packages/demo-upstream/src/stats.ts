/** What the server saw: tests count these events instead of measuring time. */
export interface UpstreamStats {
  /** TCP connections accepted. */
  connections: number;
  /** HTTP requests received. */
  requests: number;
  /** Requests received per path (query string dropped). */
  readonly byPath: Map<string, number>;
  /** Requests being handled right now. */
  inFlight: number;
  /** The most requests ever handled at once. */
  maxInFlight: number;
  /** Responses sent in full. */
  completed: number;
  /** Requests whose client went away before the response was sent in full. */
  aborted: number;
}

export function emptyStats(): UpstreamStats {
  return { connections: 0, requests: 0, byPath: new Map(), inFlight: 0, maxInFlight: 0, completed: 0, aborted: 0 };
}
