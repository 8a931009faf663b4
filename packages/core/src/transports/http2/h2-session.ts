import type { ClientHttp2Session, ClientHttp2Stream } from 'node:http2';
import type { TLSSocket } from 'node:tls';
import { exchange, type StreamOwner } from './h2-exchange.js';
import { NGHTTP2_REFUSED_STREAM } from './h2-errors.js';
import type { H2Request } from './h2-request.js';
import { errorCode } from '../../utils/to-fanout-error.js';

/** The origin a session answers to. */
export interface SessionOwner {
  /** The session may take more streams (it got the server's settings, or a stream ended). */
  hasRoom(session: H2Session): void;
  /** The server refused `request` unprocessed: send it again (on this session or another). */
  replay(request: H2Request): void;
  /** The session takes no new streams any more (`GOAWAY`, closing); those it carries go on. */
  retired(session: H2Session): void;
  /** The session is closed. */
  gone(session: H2Session): void;
}

/** What `session.request` throws when the session can take no stream any more. */
const SESSION_GONE = new Set(['ERR_HTTP2_GOAWAY_SESSION', 'ERR_HTTP2_INVALID_SESSION', 'ERR_HTTP2_OUT_OF_STREAMS']);

/** Client settings: no server push; a stream window of 1 MiB (Node's default of 64 KiB holds a large body to one window per round trip). */
const SETTINGS = { enablePush: false, initialWindowSize: 1024 * 1024 };
/** The connection's window, shared by its streams. */
const SESSION_WINDOW = 16 * 1024 * 1024;

/**
 * One HTTP/2 connection to an origin (`node:http2` over a TLS socket that negotiated `h2`):
 * streams up to the server's `MAX_CONCURRENT_STREAMS` (one before its settings came), counted
 * here. It is closed after `idleTimeout` ms without a stream, and lets the process exit
 * meanwhile. After a `GOAWAY` it takes no new stream: those it carries finish, and those the
 * server did not process (past the `GOAWAY`'s last stream id) go back to the origin.
 */
export class H2Session implements StreamOwner {
  private active = 0;
  private maxStreams = 1;
  /** The server's settings came: `maxStreams` is its own limit. */
  settled = false;
  /** What closed the session, when an error did. */
  failure: Error | undefined;
  private draining = false;
  private gone = false;
  private lastStreamId = Infinity;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly session: ClientHttp2Session;

  constructor(
    socket: TLSSocket,
    private readonly authority: string,
    private readonly owner: SessionOwner,
    private readonly idleTimeout: number,
  ) {
    const http2 = process.getBuiltinModule('node:http2');
    const session = http2.connect(`https://${authority}`, { settings: SETTINGS, createConnection: () => socket });
    this.session = session;
    session.on('remoteSettings', (settings) => {
      this.settled = true;
      this.maxStreams = Math.max(1, settings.maxConcurrentStreams ?? 100);
      if (this.hasRoom()) owner.hasRoom(this);
    });
    session.once('connect', () => {
      session.setLocalWindowSize(SESSION_WINDOW);
    });
    session.on('goaway', (_code: number, lastStreamId: number) => {
      this.lastStreamId = lastStreamId;
      this.retire();
    });
    session.on('error', (error: Error) => (this.failure ??= error)); // its streams report it too; 'close' follows
    session.on('close', () => this.ended());
    // A socket that fails under a session still being set up (a TLS 1.3 alert after the
    // handshake, such as a refused client certificate) may leave it without its own 'close'.
    socket.once('close', () => {
      if (!session.destroyed) session.destroy();
      setImmediate(() => this.ended());
    });
  }

  /** Whether it takes a new stream now. */
  hasRoom(): boolean {
    return !this.draining && this.active < this.maxStreams;
  }

  /** Sends `request` as a new stream; false when the session can no longer take one. */
  send(request: H2Request): boolean {
    if (this.draining) return false;
    if (this.session.closed || this.session.destroyed) {
      // (Its 'close' is still to come.) Retired, so that no caller keeps offering it requests.
      this.retire();
      return false;
    }
    try {
      exchange(this.session, request, this.authority, this);
    } catch (error) {
      if (!this.session.closed && !this.session.destroyed && !SESSION_GONE.has(errorCode(error) ?? '')) {
        request.fail(error);
        return true;
      }
      this.retire();
      return false;
    }
    this.active++;
    if (this.idleTimer !== undefined) {
      clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
    }
    if (this.active === 1) this.session.ref();
    return true;
  }

  wasRefused(stream: ClientHttp2Stream): boolean {
    return stream.rstCode === NGHTTP2_REFUSED_STREAM || stream.id === undefined || stream.id > this.lastStreamId;
  }

  streamClosed(request: H2Request, refused: boolean): void {
    this.active--;
    if (refused) this.owner.replay(request);
    if (this.active === 0 && !this.draining) this.idle();
    if (this.draining) {
      if (this.active === 0) this.session.close();
    } else this.owner.hasRoom(this);
  }

  /** Closes it now if idle, else once its streams are done. */
  close(): void {
    this.retire();
    if (this.active > 0) return;
    this.session.destroy();
    this.ended();
  }

  private idle(): void {
    this.session.unref();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.active === 0) this.close();
    }, this.idleTimeout).unref();
  }

  /** The session is gone: the origin is told once. */
  private ended(): void {
    if (this.gone) return;
    this.gone = true;
    this.retire();
    this.owner.gone(this);
  }

  /** No new streams from now on; the origin is told once. */
  private retire(): void {
    if (this.draining) return;
    this.draining = true;
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.active === 0) this.session.close();
    this.owner.retired(this);
  }
}
