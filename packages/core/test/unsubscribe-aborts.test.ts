import { startDemoUpstream, type DemoUpstream } from '@fanout/demo-upstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanout } from '../src/index.js';

let upstream: DemoUpstream;
beforeAll(async () => {
  upstream = await startDemoUpstream();
});
afterAll(() => upstream.close());

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('unsubscribing', () => {
  it('aborts every request in flight and starts no new one', async () => {
    upstream.resetStats();
    const urls = Array.from({ length: 50 }, () => `${upstream.url}/__fault/hang`);
    const subscription = fanout(urls, { concurrency: 5 }).subscribe();
    await until(() => upstream.stats.inFlight === 5);

    subscription.unsubscribe();
    await until(() => upstream.stats.inFlight === 0);
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(upstream.stats.requests).toBe(5);
    expect(upstream.stats.aborted).toBe(5);
  });

  it('with an aborted signal, in-flight and remaining inputs fail with AbortError, one result each', async () => {
    upstream.resetStats();
    const controller = new AbortController();
    const urls = Array.from({ length: 20 }, () => `${upstream.url}/__fault/hang`);
    const results: { code: string | undefined }[] = [];
    const done = new Promise<void>((resolve) =>
      fanout(urls, { concurrency: 4, signal: controller.signal }).subscribe({
        next: (r) => results.push({ code: r.ok ? undefined : r.error.code }),
        complete: resolve,
      }),
    );
    await until(() => upstream.stats.inFlight === 4);

    controller.abort();
    await done;

    expect(results).toHaveLength(20);
    expect(new Set(results.map((r) => r.code))).toEqual(new Set(['EABORTED']));
    expect(upstream.stats.requests).toBe(4);
  });
});
