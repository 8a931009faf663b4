import { createServer, type ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fanout, LowSpeedError, type BodySink, type FetchResult } from '../../src/index.js';
import { collect } from '../helpers.js';
import { TRANSPORTS, transportFor } from '../faults/fault-helpers.js';

/** Responses the test writes to by hand, one byte at a time: a trickle on the test's clock. */
const held: ServerResponse[] = [];
let base = '';
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  res.write('x');
  held.push(res);
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});
afterEach(() => {
  vi.useRealTimers();
  for (const res of held.splice(0)) res.destroy();
});

/** A sink into memory: counts the bytes written, and whether it was closed or aborted. */
function memorySink() {
  const state = { bytes: 0, aborted: false };
  const sink: BodySink = () => ({
    write: (chunk) => void (state.bytes += chunk.length),
    close: () => Promise.resolve({ bytes: state.bytes }),
    abort: () => {
      state.aborted = true;
      return Promise.resolve();
    },
  });
  return { sink, state };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

describe.each(TRANSPORTS)('a streamed body slower than speedLimit for speedTime fails (%s)', (transport) => {
  it('1 byte a second, under 1024 bytes/s for 3 s: ELOWSPEED, the target aborted; the per-chunk timeout alone never fires', async () => {
    // Only the guard's interval runs on the fake clock: sockets and the attempt timeout stay real.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { sink, state } = memorySink();
    const run = collect(fanout([`${base}/trickle`], { sink, speedLimit: 1024, speedTime: 3, timeout: 60_000, retry: 0, transport: transportFor(transport) }));
    await until(() => state.bytes === 1 && held.length === 1);
    let done: FetchResult[] | undefined;
    void run.then((results) => (done = results));
    for (let second = 0; second < 3 && done === undefined; second++) {
      const before = state.bytes;
      held[0]?.write('y');
      await until(() => state.bytes > before);
      vi.advanceTimersByTime(1000);
    }
    const [result] = await run;
    expect(result?.ok).toBe(false);
    const error = result?.ok === false ? result.error : undefined;
    expect(error).toBeInstanceOf(LowSpeedError);
    expect(error?.toJSON()).toMatchObject({ name: 'LowSpeedError', code: 'ELOWSPEED' });
    expect(state.aborted).toBe(true);
  });

  it('a body at 2 kB/s goes on past speedTime and ends ok', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { sink, state } = memorySink();
    const run = collect(fanout([`${base}/steady`], { sink, speedLimit: 1024, speedTime: 2, timeout: 60_000, retry: 0, transport: transportFor(transport) }));
    await until(() => state.bytes === 1 && held.length === 1);
    for (let second = 0; second < 6; second++) {
      const before = state.bytes;
      held[0]?.write(Buffer.alloc(2048, 'z'));
      await until(() => state.bytes >= before + 2048);
      vi.advanceTimersByTime(1000);
    }
    held[0]?.end();
    const [result] = await run;
    expect(result?.ok).toBe(true);
    expect(state.bytes).toBe(1 + 6 * 2048);
  });
});

it('speedLimit 0 turns it off; bad values are refused by name', () => {
  expect(() => fanout([], { speedLimit: -1 })).toThrow(/Option speedLimit/);
  expect(() => fanout([], { speedTime: 0 })).toThrow(/Option speedTime/);
  expect(() => fanout([], { speedTime: Infinity })).toThrow(/Option speedTime/);
  expect(() => fanout([], { speedLimit: 0 })).not.toThrow();
});
