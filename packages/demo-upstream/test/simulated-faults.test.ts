import { afterEach, describe, expect, it } from 'vitest';
import { startDemoUpstream, type DemoUpstream } from '../src/index.js';
import { seededRandom } from '../src/random.js';

let upstream: DemoUpstream | undefined;
afterEach(() => upstream?.close());

describe('demo upstream simulation', () => {
  it('delays each data response by the configured latency', async () => {
    upstream = await startDemoUpstream({ latency: 120 });
    const started = performance.now();
    await (await fetch(`${upstream.url}/posts/1`)).json();
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('fails the configured share of requests, repeatably for a seed', async () => {
    const statuses = async () => {
      upstream = await startDemoUpstream({ failRate: 0.3, seed: 42 });
      const out: number[] = [];
      for (let i = 1; i <= 40; i++) out.push((await fetch(`${upstream.url}/posts/${i}`)).status);
      await upstream.close();
      return out;
    };
    const first = await statuses();
    const second = await statuses();
    upstream = undefined;
    expect(first).toEqual(second);
    // Exactly the seed's draws: one per request (no jitter), a failure when it is below 0.3.
    const draw = seededRandom(42);
    const expected = Array.from({ length: 40 }, () => (draw() < 0.3 ? 500 : 200));
    expect(first).toEqual(expected);
    expect(first.filter((s) => s === 500)).toHaveLength(14); // of 40, for failRate 0.3
  });

  it('resets the connection when failWith is "reset"', async () => {
    upstream = await startDemoUpstream({ failRate: 1, failWith: 'reset' });
    await expect(fetch(`${upstream.url}/posts/1`)).rejects.toThrow();
  });

  it('fails the first N hits of a flaky key, then succeeds', async () => {
    upstream = await startDemoUpstream();
    const url = `${upstream.url}/__fault/flaky/k?failures=2&status=503&retryAfter=1`;
    const first = await fetch(url);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    expect((await fetch(url)).status).toBe(503);
    expect(await (await fetch(url)).json()).toEqual({ ok: true, hit: 3 });
  });
});
