import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { fanout } from '../src/index.js';
import { collect } from './helpers.js';

describe('rate limit', () => {
  it('spaces request arrivals at the server by at least 1/rate', async () => {
    const arrivals: number[] = [];
    const server = createServer((_req, res) => {
      arrivals.push(performance.now());
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/x`;
    try {
      const started = performance.now();
      const results = await collect(fanout(Array(8).fill(url), { concurrency: 8, rate: 20 }));
      const wall = performance.now() - started;
      expect(results.every((r) => r.ok)).toBe(true);
      // 20 req/s = one send per 50 ms: 8 requests cannot all be sent in less than 7 * 50 ms. These
      // are lower bounds: a slow machine only makes them larger. (The first arrival may lag its
      // send by the first connection's setup, so arrivals are measured from the second.)
      expect(arrivals).toHaveLength(8);
      expect(wall).toBeGreaterThanOrEqual(7 * 50 - 10);
      expect((arrivals[7] as number) - (arrivals[1] as number)).toBeGreaterThanOrEqual(6 * 50 - 10);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
