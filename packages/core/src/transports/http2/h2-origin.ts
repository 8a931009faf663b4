import { NetworkError } from '../../errors/network-error.js';
import { checkRequestHeaders, TOKEN } from '../header-syntax.js';
import type { TransportRequest, TransportResponse } from '../transport.js';
import { AlpnSocket, type OpenTls } from './alpn-socket.js';
import { H2Request } from './h2-request.js';
import { H2Session, type SessionOwner } from './h2-session.js';

/** Throws, with Node's code, for a method that is not a token (from an input file it may be any text). */
function checkMethod(method: string): void {
  if (!TOKEN.test(method)) throw Object.assign(new TypeError(`Invalid request method ${JSON.stringify(method)}`), { code: 'ERR_INVALID_HTTP_TOKEN' });
}

/** What an origin needs from the transport around it. */
export interface H2OriginHooks {
  /** Opens a TLS socket to the origin. */
  readonly openTls: OpenTls;
  /** The server did not pick h2: the origin is HTTP/1.1 from now on; `socket` and `requests` go to its pool. */
  toHttp1(socket: AlpnSocket, requests: H2Request[]): void;
  /** No session, no connection being made, no request waiting: the transport forgets the origin. */
  onEmpty(): void;
}

/**
 * The HTTP/2 sessions to one origin. A request takes a stream on the first session with room;
 * when every session is full (the server's `MAX_CONCURRENT_STREAMS`) it waits, and one more
 * session is opened (one at a time, at most `maxSessions`). A new connection offers `h2` and
 * `http/1.1` by ALPN: when the server picks HTTP/1.1 the origin and its waiting requests go to
 * the HTTP/1.1 pool, the connection with them. A connection that cannot be made fails the
 * requests waiting for it (when no session is left to carry them). A request the server refused
 * unprocessed is sent again first.
 */
export class H2Origin implements SessionOwner {
  private readonly sessions: H2Session[] = [];
  /** Sessions still open, draining ones included (closed ones leave). */
  private readonly open = new Set<H2Session>();
  private readonly waiting: H2Request[] = [];
  private connecting: AlpnSocket | undefined;
  private closing: (() => void) | undefined;

  constructor(
    private readonly authority: string,
    private readonly hooks: H2OriginHooks,
    private readonly maxSessions: number,
    private readonly idleTimeout: number,
  ) {}

  /** Throws before anything is sent when the method or a header could not be sent as given (as HTTP/1.1 does). */
  send(req: TransportRequest, path: string): Promise<TransportResponse> {
    checkMethod(req.method);
    if (req.headers !== undefined) checkRequestHeaders(req.headers);
    return new Promise((resolve, reject) => {
      const request = new H2Request(req, path, resolve, reject, (aborted) => this.cancel(aborted));
      if (request.aborted === undefined) this.dispatch(request);
    });
  }

  hasRoom(): void {
    this.drain();
  }

  replay(request: H2Request): void {
    this.waiting.unshift(request);
    this.drain();
  }

  retired(session: H2Session): void {
    const index = this.sessions.indexOf(session);
    if (index !== -1) this.sessions.splice(index, 1);
    this.drain();
  }

  gone(session: H2Session): void {
    this.open.delete(session);
    const index = this.sessions.indexOf(session);
    if (index !== -1) this.sessions.splice(index, 1);
    // A connection that died before the server's settings came is as good as one never made:
    // the requests waiting for it fail with its error rather than open connection after connection.
    if (!session.settled && this.sessions.length === 0 && this.connecting === undefined) {
      const error = session.failure ?? new NetworkError('ECONNRESET', "The HTTP/2 connection closed before the server's settings came");
      for (const request of this.waiting.splice(0)) request.fail(error);
    }
    this.drain();
    this.emptied();
  }

  /** Closes idle sessions now and the others once their streams are done. */
  close(): Promise<void> {
    this.connecting?.socket.destroy();
    for (const session of [...this.open]) session.close();
    if (this.open.size === 0 && this.connecting === undefined) return Promise.resolve();
    return new Promise((resolve) => (this.closing = resolve));
  }

  private dispatch(request: H2Request): void {
    for (const session of this.sessions) if (session.hasRoom() && session.send(request)) return;
    this.waiting.push(request);
    this.connectIfNeeded();
  }

  /** Sends waiting requests while a session has room; opens another session for the rest. */
  private drain(): void {
    while (this.waiting.length > 0) {
      const session = this.sessions.find((candidate) => candidate.hasRoom());
      if (session === undefined) break;
      const request = this.waiting.shift() as H2Request;
      if (request.aborted !== undefined) continue;
      if (!session.send(request)) this.waiting.unshift(request);
    }
    this.connectIfNeeded();
  }

  /** An aborted request leaves the queue; a connection made for nobody is dropped. */
  private cancel(request: H2Request): void {
    const index = this.waiting.indexOf(request);
    if (index === -1) return;
    this.waiting.splice(index, 1);
    if (this.waiting.length === 0) this.connecting?.socket.destroy();
  }

  private connectIfNeeded(): void {
    if (this.waiting.length === 0 || this.connecting !== undefined || this.closing !== undefined || this.sessions.length >= this.maxSessions) return;
    // A session whose settings have not come yet takes one stream: its limit is not known to be
    // reached (and one that dies before they come fails the waiting requests, see `gone`).
    for (const session of this.open) if (!session.settled) return;
    const opener = this.waiting[0] as H2Request;
    const connection = new AlpnSocket(this.hooks.openTls);
    this.connecting = connection;
    const { socket } = connection;
    const failed = (error?: Error) => {
      if (this.connecting !== connection) return;
      this.connecting = undefined;
      // Waiting requests have no session to wait for: they fail as HTTP/1.1's would, each with the connection's error.
      if (this.sessions.length === 0 && this.closing === undefined) {
        for (const request of this.waiting.splice(0)) request.fail(error ?? new Error('The connection closed during the TLS handshake'));
      }
      this.drain();
      this.emptied();
    };
    socket.once('error', failed);
    socket.once('close', () => failed());
    socket.once('secureConnect', () => {
      socket.off('error', failed);
      this.connecting = undefined;
      if (opener.aborted === undefined && this.waiting[0] === opener) opener.req.timing?.connected(performance.now());
      if (connection.protocol === 'h2') this.started(new H2Session(socket, this.authority, this, this.idleTimeout));
      else this.hooks.toHttp1(connection, this.waiting.splice(0));
      this.emptied();
    });
  }

  private started(session: H2Session): void {
    this.sessions.push(session);
    this.open.add(session);
    if (this.closing !== undefined) session.close();
    this.drain();
  }

  private emptied(): void {
    if (this.open.size > 0 || this.connecting !== undefined || this.waiting.length > 0) return;
    if (this.closing !== undefined) this.closing();
    else this.hooks.onEmpty();
  }
}
