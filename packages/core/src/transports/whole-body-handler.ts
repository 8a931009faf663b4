import { BodyTooLargeError } from '../errors/body-too-large-error.js';
import type { FanoutError } from '../errors/fanout-error.js';
import { bodyReader, collectCapped, decodingChain, toText, type BodyReader } from './body-reader.js';
import { charsetOf } from './content-type.js';
import { DispatchAbort } from './dispatch-abort.js';
import { ListedHeadersResponse, RawHeaderList, type HeaderList } from './raw-headers.js';
import type { AttemptTiming, TransportRequest, TransportResponse } from './transport.js';

/** What a response has before its head came (it never settles before that). */
const NO_HEADERS = new RawHeaderList([]);

/** Turns an error undici reports into what the transport rejects with. */
export type ErrorMapper = (error: unknown) => unknown;

/**
 * The handler of one request whose body is read whole, for undici's `dispatch` and fanout's
 * own HTTP/1.1 client alike. It speaks undici's original callback API (`onConnect`, `onHeaders`, `onData`, `onComplete`, `onError`), which undici's
 * client calls as is, with the raw header list: no adapter object, no header object and no
 * closure per request. A body sent as is is collected here; a compressed one goes through a
 * `BodyReader`. The cap (`maxBodyBytes`) drops the connection; an abort of the request (timeout,
 * deadline, unsubscribe) aborts the dispatch and rejects with its reason.
 */
export class WholeBodyHandler {
  private settled = false;
  private status = 0;
  private headers: HeaderList | undefined;
  private contentType: string | undefined;
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private reader: BodyReader | undefined;
  private readonly aborts = new DispatchAbort();
  /** Only with the `timeline` option: the attempt's phases. */
  private readonly timing: AttemptTiming | undefined;

  constructor(
    protected readonly req: TransportRequest,
    private readonly resolve: (response: TransportResponse) => void,
    private readonly reject: (error: unknown) => void,
    private readonly mapError: ErrorMapper,
  ) {
    this.timing = req.timing;
    this.aborts.listen(req, (reason) => this.fail(reason));
  }

  onConnect(abort: (reason: Error) => void): void {
    this.aborts.connected(abort);
  }

  /** undici's call: status and its raw header list. */
  onHeaders(status: number, raw: Buffer[], resume: () => void): boolean {
    return this.onHead(status, new RawHeaderList(raw), resume);
  }

  /** Status and headers; `resume` restarts reading after `onData` returned false. */
  onHead(status: number, headers: HeaderList, resume: () => void): boolean {
    this.timing?.firstByte(performance.now());
    this.status = status;
    this.headers = headers;
    this.contentType = headers.get('content-type');
    const contentEncoding = headers.get('content-encoding');
    const limit = this.req.maxBodyBytes;
    if (contentEncoding === undefined) {
      if (this.req.method !== 'HEAD' && Number(headers.get('content-length')) > limit) this.stop(new BodyTooLargeError(limit));
      return true;
    }
    if (decodingChain(contentEncoding) !== undefined) {
      this.reader = bodyReader({ contentEncoding, contentType: this.contentType, limit, done: (error, text) => this.done(error, text), onDrain: resume });
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.settled) return true;
    if (this.reader) return this.reader.write(chunk);
    this.size = collectCapped(this.chunks, this.size, chunk, this.req.maxBodyBytes);
    if (this.size < 0) this.stop(new BodyTooLargeError(this.req.maxBodyBytes));
    return true;
  }

  /**
   * http1's call: `chunk` is a view on a read buffer that is reused after the call. It is kept as
   * is only when it ends a body read as is (`last`: the text is made before the buffer is
   * reused); else copied (a body that goes on, or a decoder that works on it later).
   */
  onReadData(chunk: Buffer, last: boolean): boolean {
    if (this.settled) return true;
    return this.onData(last && this.reader === undefined ? chunk : Buffer.from(chunk));
  }

  onComplete(): void {
    if (this.settled) return;
    if (this.reader) this.reader.end();
    else this.done(undefined, this.size === 0 ? '' : toText(this.chunks, this.size, charsetOf(this.contentType)));
  }

  onError(error: unknown): void {
    this.fail(this.mapError(error));
  }

  /** The body ended (`text`) or failed to decode or went over the cap (`error`). */
  private done(error: FanoutError | undefined, text?: string): void {
    if (error) {
      this.stop(error);
      return;
    }
    if (this.settled) return;
    this.settled = true;
    this.aborts.off();
    this.resolve(new ListedHeadersResponse(this.status, this.headers ?? NO_HEADERS, text ?? ''));
  }

  /** Fails with `error` and drops the connection. */
  private stop(error: FanoutError): void {
    this.fail(error);
    this.aborts.dispatch(error);
  }

  private fail(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.aborts.off();
    this.chunks.length = 0;
    this.reader?.destroy();
    this.reject(error);
  }
}
