import { describe, expect, it } from 'vitest';
import { fanoutIterable } from '../src/index.js';
import { startHttpServer, useServer } from './network/network-helpers.js';

const ctx = useServer(() => startHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}')));

/** Resolves once `count()` has not changed for `polls` polls in a row (the client stopped sending). */
async function settled(count: () => number, polls = 10): Promise<number> {
  let last = -1;
  let still = 0;
  while (still < polls) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = count();
    still = now === last ? still + 1 : 0;
    last = now;
  }
  return last;
}

describe('fanoutIterable: backpressure', () => {
  it('takes no more inputs while the loop body is held and the buffer (concurrency) is full', async () => {
    const urls = Array.from({ length: 100 }, (_, i) => `${ctx.server.url}/p/${i}`);
    const before = ctx.server.requests;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let seen = 0;
    let whileHeld = -1;
    const loop = (async () => {
      for await (const result of fanoutIterable(urls, { concurrency: 4 })) {
        expect(result.ok).toBe(true);
        if (seen++ === 0) await held; // the first loop body takes its time
      }
    })();
    whileHeld = (await settled(() => ctx.server.requests)) - before;
    release();
    await loop;
    // 1 taken by the loop, at most 4 waiting in the buffer, at most 4 in flight when it filled, 1 being pulled.
    expect(whileHeld).toBeGreaterThan(0);
    expect(whileHeld).toBeLessThanOrEqual(10);
    expect(seen).toBe(100);
    expect(ctx.server.requests - before).toBe(100);
  }, 30_000);
});
