import { BodyTooLargeError } from '../errors/body-too-large-error.js';
import { SinkError } from '../errors/sink-error.js';
import type { Readable } from 'node:stream';
import type { Cancellation } from '../utils/cancellation.js';
import { LowSpeedGuard, type SpeedLimit } from './low-speed-guard.js';
import { giveBackChunk } from '../transports/http1/chunk-pool.js';
import { ChunkReader } from '../utils/chunk-reader.js';

/** The response a sink is asked to store: which input, and the response's status and headers. */
export interface SinkResponse {
  /** The input's position (0-based), as in its result. */
  readonly index: number;
  /** The `key` of the input's `RequestSpec`, unchanged (undefined when it had none). */
  readonly key?: unknown;
  readonly url: string;
  readonly status: number;
  /** Looks a response header up by its lower-case name. */
  header(name: string): string | undefined;
}

/** Where one response body goes. Written chunk by chunk; then closed, or aborted if the attempt fails. */
export interface BodyTarget {
  /** Stores the next chunk; the next one waits for the returned promise (backpressure). */
  write(chunk: Uint8Array): void | Promise<void>;
  /** The whole body was written. Resolves to the record that becomes the result's `data`. */
  close(): Promise<Readonly<Record<string, unknown>>>;
  /** The attempt failed midway (network, timeout, abort, cap): undo what was written. */
  abort(): Promise<void>;
  /**
   * `true` when `write` is done with its chunk once it returns (or its promise settles): it
   * wrote or copied the bytes and keeps no reference to them. The chunk's memory is then reused
   * for a later chunk (fewer allocations, a smaller peak RSS). Leave it unset when the target
   * keeps the chunks it is given.
   * @default false
   */
  readonly lendsChunks?: boolean;
}

/**
 * Called once per 2xx response (per attempt) to store its body as it arrives instead of holding
 * it in memory. Whatever it or its target throws becomes a failed result with a `SinkError`
 * (code `ENOSPC`, `EACCES`, ...), never a crash of the run.
 */
export type BodySink = (response: SinkResponse) => BodyTarget | Promise<BodyTarget>;

const sinkRecords = new WeakSet<object>();

/** Whether `data` is the record a sink's `close()` gave (its fields go on the result line instead of `data`). */
export function isSinkRecord(data: unknown): data is Readonly<Record<string, unknown>> {
  return typeof data === 'object' && data !== null && sinkRecords.has(data);
}

/**
 * Streams a 2xx response's body into the sink's target, at most `maxBytes` decoded bytes
 * (`BodyTooLargeError` past them, and the target aborted). `onData` runs for each chunk (the
 * attempt's timeout restarts: for a sink it limits a stall, not a whole download). With `speed`,
 * a body slower than `speed.limit` bytes/s over `speed.time` s aborts `cancellation` with a
 * `LowSpeedError` (a trickle never lets the per-chunk timeout fire). Resolves to the target's
 * record.
 */
export async function pipeToSink(
  body: Readable,
  response: SinkResponse,
  sink: BodySink,
  maxBytes: number,
  cancellation: Cancellation,
  onData: () => void,
  speed?: SpeedLimit,
): Promise<Readonly<Record<string, unknown>>> {
  const stopReading = cancellation.onAbort((reason) => body.destroy(reason));
  const reader = new ChunkReader(body);
  let target: BodyTarget | undefined;
  let guard: LowSpeedGuard | undefined;
  try {
    if (Number(response.header('content-length')) > maxBytes) throw new BodyTooLargeError(maxBytes);
    target = await stored(() => sink(response));
    const lends = target.lendsChunks === true;
    let bytes = 0;
    if (speed) guard = new LowSpeedGuard(speed, (error) => cancellation.abort(error));
    for (;;) {
      // A buffered chunk is taken at once; only an empty buffer waits (a promise).
      let next = reader.take();
      if (next === undefined) next = await reader.next();
      if (next === null) break;
      const chunk = next as Buffer;
      bytes += chunk.length;
      guard?.add(chunk.length);
      if (bytes > maxBytes) throw new BodyTooLargeError(maxBytes);
      onData();
      // A target that writes synchronously costs no promise per chunk.
      const written = writeTo(target, chunk);
      if (written !== undefined) await stored(() => written);
      if (lends) giveBackChunk(chunk);
    }
    const record = await stored(() => (target as BodyTarget).close());
    sinkRecords.add(record);
    return record;
  } catch (error) {
    body.destroy();
    await target?.abort().catch(() => undefined);
    throw error;
  } finally {
    guard?.stop();
    reader.stop();
    stopReading();
  }
}

/** `target.write(chunk)`, what it throws as a `SinkError`. */
function writeTo(target: BodyTarget, chunk: Buffer): void | Promise<void> {
  try {
    return target.write(chunk);
  } catch (error) {
    throw SinkError.from(error);
  }
}

/** Runs a step of the sink's, its errors as `SinkError`s. */
async function stored<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw SinkError.from(error);
  }
}
