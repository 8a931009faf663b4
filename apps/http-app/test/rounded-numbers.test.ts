import { describe, expect, it } from 'vitest';
import { useApp } from './app-fixture.js';

const ctx = useApp({ latency: 5, jitter: 5 });

/** Every number in a JSON value outside the upstream's own `data`, with its key path. */
function numbers(value: unknown, path = ''): Array<[string, number]> {
  if (typeof value === 'number') return [[path, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => (key === 'data' ? [] : numbers(child, `${path}.${key}`)));
}

function expectRounded(json: unknown): void {
  const found = numbers(json);
  expect(found.length).toBeGreaterThan(0);
  for (const [path, n] of found) {
    // Times to 0.1 ms; ratios (speedup) to 0.01: never a raw float like 168.24284799999805.
    const places = /speedup$/i.test(path) ? 100 : 10;
    expect(Math.round(n * places) / places, path).toBe(n);
  }
}

describe('no raw floats in JSON responses: times are rounded to 0.1 ms (by the library)', () => {
  it('/api/posts', async () => {
    expectRounded(await (await fetch(`${ctx.url}/api/posts?ids=1-10&concurrency=3`)).json());
  });

  it('/api/posts/stream, every line', async () => {
    const lines = (await (await fetch(`${ctx.url}/api/posts/stream?ids=1-10&concurrency=3`)).text()).trim().split('\n');
    expect(lines).toHaveLength(11);
    for (const line of lines) expectRounded(JSON.parse(line));
  });

  it('/api/compare', async () => {
    expectRounded(await (await fetch(`${ctx.url}/api/compare?ids=1-10&concurrency=3`)).json());
  });
});
