import type { OnReadOpts, Socket } from 'node:net';
import { NetworkError } from '../../errors/network-error.js';
import { READ_BYTES } from './chunk-pool.js';
import type { PendingRequest } from './pending-request.js';
import { ResponseParser } from './response-parser.js';
import { IDEMPOTENT_METHODS } from '../http-method.js';

/** The pool a connection answers to. */
export interface ConnectionOwner {
  /** The connection finished its request and may carry another. */
  released(connection: Http1Connection): void;
  /** The connection is closed (it is called once, whatever closed it). */
  removed(connection: Http1Connection): void;
  /** A request failed on a reused connection before a byte of its response came: send it again on a new one. */
  replay(request: PendingRequest): void;
}

/**
 * The buffer every connection reads into (Node's `onread`: no `Buffer` and no stream event per
 * read). One is enough: a read is parsed, and what is kept of it copied (an unfinished head, a
 * body that goes on in a later read), before the event loop can deliver the next one. Its size:
 * see `READ_BYTES`.
 */
const READ_BUFFER = Buffer.allocUnsafe(READ_BYTES);

/** Opens a connection's socket, its reads going to `onread` instead of `'data'` events. */
export type OpenSocket = (onread: OnReadOpts) => Socket;

const IDEMPOTENT = new Set<string>(IDEMPOTENT_METHODS);

/**
 * One keep-alive socket carrying one request at a time (no pipelining). It writes the request,
 * feeds the response to the parser and the parser's events to the request's handler, and hands
 * itself back to the pool when the response is complete and the server lets it be reused.
 * A response that breaks the protocol, a reset or an early close fail the request and close
 * the socket; a request that meets a reused socket the server had already closed (it failed
 * before any response byte) is sent once more on a new connection if it is idempotent.
 */
export class Http1Connection {
  private current: PendingRequest | undefined;
  private served = 0;
  private gone = false;
  /** `performance.now()` when it last became idle. */
  idleSince = 0;
  /** How long it may stay idle, from the transport's option and the server's `Keep-Alive` hint. */
  idleLimit: number;
  private readonly parser: ResponseParser;
  readonly socket: Socket;
  private readonly resume = () => this.socket.resume();

  constructor(
    open: OpenSocket,
    private readonly owner: ConnectionOwner,
    private readonly keepAliveTimeout: number,
  ) {
    this.idleLimit = keepAliveTimeout;
    this.parser = new ResponseParser({
      head: (status, fields) => this.current?.handler.onHead(status, fields, this.resume),
      data: (chunk, last) => {
        if (this.current?.handler.onReadData(chunk, last) === false) this.socket.pause();
      },
      end: () => this.finished(),
    });
    const socket = open({
      buffer: READ_BUFFER,
      callback: (length) => {
        this.received(READ_BUFFER.subarray(0, length));
        return true;
      },
    });
    this.socket = socket;
    socket.on('end', () => this.ended());
    socket.on('error', (error: Error) => this.fail(error, true));
    socket.on('close', () => this.closed());
  }

  /** Writes `request` on this connection. */
  send(request: PendingRequest): void {
    this.current = request;
    request.carrier = this;
    this.parser.expect(request.req.method === 'HEAD');
    const socket = this.socket;
    if (this.served > 0) socket.ref();
    if (request.body === undefined) {
      socket.write(request.head, 'latin1');
    } else {
      socket.cork();
      socket.write(request.head, 'latin1');
      socket.write(request.body);
      socket.uncork();
    }
  }

  /** Whether an idle connection may still be used at `now` (not closed, within its idle limit). */
  usable(now: number): boolean {
    return !this.gone && now - this.idleSince < this.idleLimit;
  }

  /** Aborts `request` if this connection carries it: the socket is dropped with it. */
  drop(request: PendingRequest, reason: Error): void {
    if (this.current !== request) return;
    this.current = undefined;
    request.carrier = undefined;
    this.destroy();
    request.handler.onError(reason);
  }

  destroy(): void {
    this.gone = true;
    this.socket.destroy();
  }

  private received(chunk: Buffer): void {
    if (this.current === undefined) {
      // Bytes while no request is out: the connection is out of step.
      this.destroy();
      return;
    }
    try {
      this.parser.execute(chunk);
    } catch (error) {
      this.fail(error, false);
    }
  }

  private finished(): void {
    const request = this.current;
    this.current = undefined;
    this.served++;
    if (request === undefined) return;
    request.carrier = undefined;
    const hint = this.parser.keepAliveHint;
    // Reuse no longer than a second short of the server's own idle timeout, as undici does.
    if (hint !== undefined) this.idleLimit = Math.min(this.keepAliveTimeout, hint - 1000);
    // A response that came before the request was all written (an upload refused early) leaves
    // the rest of the body between the server and the next request: not reused.
    const reusable = this.parser.keepAlive && !this.gone && this.idleLimit > 0 && this.socket.readyState === 'open' && this.socket.writableLength === 0;
    request.handler.onComplete();
    if (!reusable) {
      this.destroy();
      return;
    }
    // The handler may have paused the socket on the last chunk (its decoder was full): that
    // was this response's backpressure, over now. A paused socket in the pool would never read
    // the next response if the handler failed (a corrupt body) before it resumed it.
    if (this.socket.isPaused()) this.socket.resume();
    this.owner.released(this);
  }

  private ended(): void {
    this.gone = true;
    if (this.current !== undefined && !this.parser.finish()) {
      this.fail(new NetworkError('ECONNRESET', 'The server closed the connection before the response was complete'), true);
    }
    this.socket.destroy();
  }

  private closed(): void {
    this.gone = true;
    if (this.current !== undefined) this.fail(new NetworkError('ECONNRESET', 'The connection closed before the response was complete'), true);
    this.owner.removed(this);
  }

  /** Fails the current request (or sends it again, see the class) and closes the socket. */
  private fail(error: unknown, replayable: boolean): void {
    const request = this.current;
    this.current = undefined;
    this.destroy();
    if (request === undefined) return;
    request.carrier = undefined;
    if (replayable && this.served > 0 && !this.parser.started && !request.replayed && request.aborted === undefined && IDEMPOTENT.has(request.req.method)) {
      request.replayed = true;
      this.owner.replay(request);
      return;
    }
    request.handler.onError(error);
  }
}
