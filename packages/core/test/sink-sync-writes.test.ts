import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pipeToSink, type BodyTarget } from '../src/sink/body-sink.js';
import { Cancellation } from '../src/utils/cancellation.js';

const response = { index: 0, url: 'http://127.0.0.1:1/f', status: 200, header: () => undefined };

describe('pipeToSink with a target that writes synchronously', () => {
  it('writes the chunks already buffered one after the other, no promise (no microtask) between them', async () => {
    // Object mode, as the default transport's body is: one read() gives one chunk as it was pushed.
    const body = new Readable({ objectMode: true, read: () => undefined, highWaterMark: 16 });
    for (const text of ['one', 'two', 'three']) body.push(Buffer.from(text));
    body.push(null);
    const writes: string[] = [];
    let microtaskRan = false;
    const target: BodyTarget = {
      write(chunk) {
        if (writes.length === 0) queueMicrotask(() => (microtaskRan = true));
        else if (microtaskRan) writes.push('(a microtask ran between two writes)');
        writes.push(Buffer.from(chunk).toString());
      },
      close: async () => ({ bytes: writes.join('').length }),
      abort: async () => undefined,
    };
    const record = await pipeToSink(body, response, () => target, 1024, new Cancellation(), () => undefined);
    expect(writes.join(' ')).toBe('one two three');
    expect(record).toEqual({ bytes: 11 });
  });

  it('still waits for the promise of a target that writes asynchronously before the next chunk', async () => {
    const body = Readable.from([Buffer.from('a'), Buffer.from('b')]);
    const events: string[] = [];
    const target: BodyTarget = {
      async write(chunk) {
        events.push(`start ${Buffer.from(chunk).toString()}`);
        await new Promise((resolve) => setImmediate(resolve));
        events.push(`end ${Buffer.from(chunk).toString()}`);
      },
      close: async () => ({}),
      abort: async () => undefined,
    };
    await pipeToSink(body, response, () => target, 1024, new Cancellation(), () => undefined);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});
