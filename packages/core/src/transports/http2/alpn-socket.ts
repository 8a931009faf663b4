import type { OnReadOpts, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** Opens a TLS socket to one origin offering `alpn`, its reads going to `onread`. */
export type OpenTls = (alpn: readonly string[], onread: OnReadOpts) => TLSSocket;

/** Where the socket reads until its protocol is known (the handshake; nothing is expected after it). */
const HANDSHAKE_BUFFER_SIZE = 16 * 1024;

/**
 * A TLS connection opened before its protocol is known (ALPN offers `h2` and `http/1.1`). When
 * the server picks h2 the socket goes to `node:http2`, which reads it natively; else it is
 * adopted by the HTTP/1.1 pool, whose reads (`onread`) it then forwards. A read in between
 * (the server spoke first) is not the client's to parse: it closes the socket.
 */
export class AlpnSocket {
  readonly socket: TLSSocket;
  private reader: OnReadOpts | undefined;

  constructor(open: OpenTls) {
    const scratch = Buffer.allocUnsafe(HANDSHAKE_BUFFER_SIZE);
    this.socket = open(['h2', 'http/1.1'], {
      // Node asks for the next read's buffer after each read: the adopter's from then on.
      buffer: () => this.bufferOf() ?? scratch,
      callback: (length, buffer) => this.forward(length, buffer),
    });
  }

  /** The protocol the server picked: `'h2'`, `'http/1.1'`, or false when it took no part in ALPN. */
  get protocol(): string | false {
    return this.socket.alpnProtocol ?? false;
  }

  /** Hands the socket to an HTTP/1.1 connection that reads through `onread`. */
  adopt(onread: OnReadOpts): Socket {
    this.reader = onread;
    return this.socket;
  }

  private bufferOf(): Uint8Array | undefined {
    const target = this.reader?.buffer;
    return typeof target === 'function' ? target() : target;
  }

  private forward(length: number, buffer: Uint8Array): boolean {
    const reader = this.reader;
    if (reader === undefined) {
      this.socket.destroy();
      return false;
    }
    // A read that landed in the handshake buffer (asked for before the adoption) is moved.
    const target = this.bufferOf();
    if (target !== undefined && target !== buffer) target.set(buffer.subarray(0, length));
    return reader.callback(length, target ?? buffer) !== false;
  }
}
