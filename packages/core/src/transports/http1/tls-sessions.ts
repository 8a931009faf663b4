/** How many origins' TLS sessions a transport keeps; the least recently stored go first. */
const MAX_SESSIONS = 100;

/**
 * The last TLS session of each origin, to resume on its next connection. Kept by the transport,
 * not the origin's pool: a pool goes when its last connection closes (`Connection: close`, an
 * idle timeout), and the next connection to the origin should still skip the full handshake.
 */
export class TlsSessions {
  private readonly sessions = new Map<string, Buffer>();

  get(origin: string): Buffer | undefined {
    return this.sessions.get(origin);
  }

  set(origin: string, session: Buffer): void {
    this.sessions.delete(origin);
    this.sessions.set(origin, session);
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value as string);
  }
}
