import type { Socket } from 'node:net';
import { Http1Connection, type ConnectionOwner, type OpenSocket } from './connection.js';
import type { PendingRequest } from './pending-request.js';

/** How a pool opens a connection: the socket, and the event that says it is ready. */
export interface Connector {
  /** Opens the socket; `through` is the tunnel `tunnel` gave, when there is one. */
  readonly open: (onread: Parameters<OpenSocket>[0], through?: Socket) => Socket;
  /** `connect` for TCP, `secureConnect` for TLS. */
  readonly readyEvent: 'connect' | 'secureConnect';
  /** A `CONNECT` tunnel through a proxy, opened before each connection (TLS then runs inside it). */
  readonly tunnel?: () => Promise<Socket>;
}

/**
 * The keep-alive connections to one origin: at most `limit` open at once, idle ones reused last
 * in first out (the warmest socket), requests beyond the limit queued in order. Idle sockets do
 * not keep the process alive and are closed after their idle limit by a sweep.
 */
export class OriginPool implements ConnectionOwner {
  private readonly idle: Http1Connection[] = [];
  private readonly waiting: PendingRequest[] = [];
  /**
   * Requests to send again after a reused connection failed under them: each goes on a NEW
   * connection, opened as the failed one is removed, never on one that frees up meanwhile (that
   * one may be as stale as the first).
   */
  private readonly replays: PendingRequest[] = [];
  private size = 0;
  private closing: (() => void) | undefined;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly connector: Connector,
    private readonly limit: number,
    private readonly keepAliveTimeout: number,
    /** Called when the pool has no connection and no request left: the transport forgets it. */
    private readonly onEmpty: () => void,
  ) {}

  dispatch(request: PendingRequest): void {
    const connection = this.takeIdle();
    if (connection !== undefined) connection.send(request);
    else if (this.size < this.limit) this.connect(request);
    else this.waiting.push(request);
  }

  /** Takes `request` out of the queue (it was aborted before it got a connection). */
  cancel(request: PendingRequest): void {
    for (const queue of [this.replays, this.waiting]) {
      const index = queue.indexOf(request);
      if (index !== -1) queue.splice(index, 1);
    }
  }

  released(connection: Http1Connection): void {
    const next = this.waiting.shift();
    if (next !== undefined) {
      connection.send(next);
      return;
    }
    if (this.closing !== undefined) {
      connection.destroy();
      return;
    }
    connection.idleSince = performance.now();
    connection.socket.unref();
    this.idle.push(connection);
    this.sweeper ??= setInterval(() => this.sweep(), 1000).unref();
  }

  removed(connection: Http1Connection): void {
    const index = this.idle.indexOf(connection);
    if (index !== -1) this.idle.splice(index, 1);
    this.notOpened();
  }

  replay(request: PendingRequest): void {
    // The failed connection is still counted until it is removed, which then opens the new one.
    this.replays.push(request);
  }

  /** Closes idle connections now and the others as their requests end. */
  close(): Promise<void> {
    if (this.sweeper !== undefined) clearInterval(this.sweeper);
    for (const connection of this.idle.splice(0)) connection.destroy();
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => (this.closing = resolve));
  }

  private takeIdle(): Http1Connection | undefined {
    const now = this.idle.length === 0 ? 0 : performance.now();
    for (let connection = this.idle.pop(); connection !== undefined; connection = this.idle.pop()) {
      if (connection.usable(now)) return connection;
      connection.destroy();
    }
    return undefined;
  }

  private connect(request: PendingRequest): void {
    this.size++;
    const { tunnel } = this.connector;
    if (tunnel === undefined) {
      this.open(request, undefined);
      return;
    }
    tunnel().then(
      (socket) => {
        if (request.aborted === undefined && this.closing === undefined) this.open(request, socket);
        else {
          socket.destroy();
          this.notOpened();
        }
      },
      (error: unknown) => {
        this.notOpened();
        if (request.aborted === undefined) request.handler.onError(error);
      },
    );
  }

  private open(request: PendingRequest, through: Socket | undefined): void {
    const connection = new Http1Connection((onread) => this.connector.open(onread, through), this, this.keepAliveTimeout);
    const timing = request.req.timing;
    if (timing !== undefined) connection.socket.once(this.connector.readyEvent, () => timing.connected(performance.now()));
    connection.send(request);
  }

  /**
   * A counted connection is gone (closed, or never opened: its tunnel failed or its request was
   * aborted meanwhile): the next request waiting gets a new one.
   */
  private notOpened(): void {
    this.size--;
    const next = this.replays.shift() ?? this.waiting.shift();
    if (next !== undefined) this.connect(next);
    else if (this.size === 0) {
      if (this.closing !== undefined) this.closing();
      else this.onEmpty();
    }
  }

  private sweep(): void {
    const now = performance.now();
    for (const connection of [...this.idle]) if (!connection.usable(now)) connection.destroy();
    if (this.idle.length === 0 && this.sweeper !== undefined) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }
}
