import { describe, expect, it } from 'vitest';
import { fanout } from '../src/index.js';
import { startSplitBodyServer } from './split-body-server.js';
import { collect } from './helpers.js';

describe('timeline with undici: connect and first byte per attempt', () => {
  it('marks connect on the attempts that opened a connection (counted at the server), none on reused ones, first byte on all', async () => {
    const server = await startSplitBodyServer();
    try {
      const urls = Array.from({ length: 6 }, (_, i) => `${server.url}/${i}`);
      const results = await collect(fanout(urls, { concurrency: 1, timeline: true }));
      expect(results.every((r) => r.ok)).toBe(true);
      const spans = results.flatMap((r) => r.timeline?.attempts ?? []);
      expect(spans).toHaveLength(6);
      const opened = spans.filter((span) => span.connected !== undefined);
      const reused = spans.filter((span) => span.connected === undefined);
      expect(opened.length).toBe(server.connections);
      expect(opened.length).toBeGreaterThanOrEqual(1);
      expect(reused.length).toBeGreaterThanOrEqual(1); // keep-alive: one at a time needs fewer connections than requests
      for (const span of opened) {
        expect(span.start).toBeLessThanOrEqual(span.connected ?? -Infinity);
        expect(span.connected).toBeLessThanOrEqual(span.firstByte ?? -Infinity);
      }
      for (const span of spans) {
        expect(span.start).toBeLessThanOrEqual(span.firstByte ?? -Infinity);
        expect(span.firstByte).toBeLessThanOrEqual(span.end);
      }
    } finally {
      await server.close();
    }
  });
});
