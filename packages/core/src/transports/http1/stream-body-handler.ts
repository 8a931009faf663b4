import { Readable } from 'node:stream';
import { decodingChain } from '../body-reader.js';
import { decodedBody } from '../decoded-body.js';
import { DispatchAbort } from '../dispatch-abort.js';
import { ListedHeadersResponse, type HeaderList } from '../raw-headers.js';
import type { TransportRequest, TransportStreamResponse } from '../transport.js';
import { pooledCopy } from './chunk-pool.js';
import type { DispatchHandler } from './dispatch-handler.js';

/** Why a body destroyed by its reader before its end drops the connection. */
const DESTROYED = 'Response body stream destroyed before its end';
/**
 * Chunks (socket reads, up to 256 KiB each: `READ_BYTES`) the body's stream buffers before the socket pauses:
 * the socket is not paused and resumed at every read while the reader writes the previous one.
 * The stream is in object mode so that a reader gets the chunks one by one as they were pushed
 * (a byte stream concatenates what it buffered into a new buffer), each one a pooled chunk it
 * can give back.
 */
const BODY_HIGH_WATER_MARK = 2;

/**
 * The handler of one request whose body is streamed (`Transport.stream`, for a `sink`): it
 * resolves at the head with the body as a `Readable` (decoded: gzip, deflate, br), and the
 * socket's reading follows the reader: when the stream's buffer is full the connection pauses the
 * socket (TCP backpressure up to the server) until the reader asks for more. Destroying the
 * body before its end, or an abort of the request, drops the connection.
 */
export class StreamBodyHandler implements DispatchHandler {
  private resume: (() => void) | undefined;
  private paused = false;
  private body: Readable | undefined;
  private ended = false;
  private readonly aborts = new DispatchAbort();

  constructor(
    private readonly req: TransportRequest,
    private readonly resolve: (response: TransportStreamResponse) => void,
    private readonly reject: (error: unknown) => void,
    private readonly mapError: (error: unknown) => unknown,
  ) {
    this.aborts.listen(req, (reason) => this.fail(reason));
  }

  onConnect(abort: (reason: Error) => void): void {
    this.aborts.connected(abort);
  }

  onHead(status: number, headers: HeaderList, resume: () => void): boolean {
    this.req.timing?.firstByte(performance.now());
    this.resume = resume;
    const body = new Readable({
      objectMode: true,
      highWaterMark: BODY_HIGH_WATER_MARK,
      read: () => {
        if (!this.paused) return;
        this.paused = false;
        this.resume?.();
      },
      destroy: (error, callback) => {
        if (!this.ended) {
          this.aborts.off();
          this.ended = true;
          this.aborts.dispatch(error ?? new Error(DESTROYED));
        }
        callback(error);
      },
    });
    this.body = body;
    const response = new ListedHeadersResponse(status, headers, '');
    // Without a coding to undo, the reader reads this stream itself: its errors are mapped
    // already (onError), and no decoding layer copies or delays the chunks.
    const contentEncoding = headers.get('content-encoding');
    let readable = body;
    if (decodingChain(contentEncoding) === undefined) body.on('error', () => undefined); // kept on the stream for its reader, never unhandled
    else readable = decodedBody(body, contentEncoding, this.mapError);
    this.resolve({ status, header: (name) => response.header(name), headers: () => response.headers(), body: readable });
    return true;
  }

  onReadData(chunk: Buffer, _last: boolean): boolean {
    if (this.ended || this.body === undefined) return true;
    // The chunk is a view on a read buffer that is reused: the stream keeps a copy (pooled: see
    // chunk-pool.ts; a sink whose target lends its chunks gives it back once written).
    if (this.body.push(pooledCopy(chunk))) return true;
    this.paused = true;
    return false;
  }

  onComplete(): void {
    if (this.ended) return;
    this.ended = true;
    this.aborts.off();
    this.body?.push(null);
  }

  onError(error: unknown): void {
    this.fail(this.mapError(error));
  }

  private fail(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.aborts.off();
    if (this.body === undefined) this.reject(error);
    else this.body.destroy(this.mapError(error) as Error);
  }
}
