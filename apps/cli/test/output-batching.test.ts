import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Output } from '../src/output/output.js';

/** A stdout stand-in that records each write and holds its callback until `release()`. */
class HeldWritable extends Writable {
  readonly chunks: string[] = [];
  private held: Array<() => void> = [];
  hold = false;

  constructor(highWaterMark: number) {
    super({ highWaterMark, decodeStrings: false });
  }

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk.toString());
    if (this.hold) this.held.push(() => callback());
    else callback();
  }

  release(): void {
    this.hold = false;
    for (const callback of this.held.splice(0)) callback();
  }
}

const line = (i: number) => `{"index":${i},"url":"http://127.0.0.1/posts/${i}","ok":true}\n`;

describe('Output: result lines gathered into few stdout writes, backpressure kept', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gathers the lines of 10 ms into one write, whole and in order, and writes nothing before', () => {
    const stream = new HeldWritable(16 * 1024);
    const out = new Output(stream);
    for (let i = 0; i < 50; i++) out.write(line(i));
    vi.advanceTimersByTime(9);
    expect(stream.chunks).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(stream.chunks).toEqual([Array.from({ length: 50 }, (_, i) => line(i)).join('')]);
    out.write(line(50));
    vi.advanceTimersByTime(10);
    expect(stream.chunks).toEqual([Array.from({ length: 50 }, (_, i) => line(i)).join(''), line(50)]);
  });

  it('writes at once when 64 KiB are gathered, never splitting a line', () => {
    const stream = new HeldWritable(16 * 1024);
    const out = new Output(stream);
    const lines = Array.from({ length: 2000 }, (_, i) => line(i));
    for (const text of lines) out.write(text);
    expect(stream.chunks.length).toBeGreaterThanOrEqual(1);
    for (const chunk of stream.chunks) {
      expect(chunk.length).toBeGreaterThanOrEqual(64 * 1024);
      expect(chunk.endsWith('\n')).toBe(true);
    }
    vi.advanceTimersByTime(10);
    expect(stream.chunks.join('')).toBe(lines.join(''));
  });

  it('ready() waits for the stream to drain while a batch is still held by it', async () => {
    const stream = new HeldWritable(1024);
    stream.hold = true;
    const out = new Output(stream);
    expect(out.ready()).toBeUndefined();
    out.write(line(1));
    vi.advanceTimersByTime(10);
    expect(out.ready()).toBeUndefined(); // below the stream's high-water mark
    for (let i = 0; i < 2000; i++) out.write(line(i)); // over 64 KiB: handed to the stream
    const waiting = out.ready();
    expect(waiting).toBeInstanceOf(Promise);
    let drained = false;
    void waiting?.then(() => (drained = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(drained).toBe(false);
    stream.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(drained).toBe(true);
  });

  it('flush() writes what is gathered at once and resolves when the stream has taken it', async () => {
    const stream = new HeldWritable(16 * 1024);
    stream.hold = true;
    const out = new Output(stream);
    out.write(line(1));
    out.write(line(2));
    let flushed = false;
    const flushing = out.flush().then(() => (flushed = true));
    expect(stream.chunks).toEqual([line(1) + line(2)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toBe(false);
    stream.release();
    await flushing;
    expect(flushed).toBe(true);
  });

  it('once output stopped (the reader left), gathered lines are dropped, not written', () => {
    const stream = new HeldWritable(16 * 1024);
    const out = new Output(stream);
    const stops: string[] = [];
    out.whenStopped((stop) => stops.push(stop.kind));
    out.write(line(1));
    out.halt({ kind: 'pipe-closed' });
    out.write(line(2));
    vi.advanceTimersByTime(100);
    expect(stream.chunks).toEqual([]);
    expect(stops).toEqual(['pipe-closed']);
  });
});
