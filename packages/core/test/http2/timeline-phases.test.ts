import { describe, expect, it } from 'vitest';
import { http1, run } from '../http1/run.js';
import { useH2Server } from './h2-server.js';

const ctx = useH2Server((_req, res) => res.end('fine'));

describe('HTTP/2: the timeline', () => {
  it('marks the session opened on the attempt that opened it (TLS inside start–connected), first byte on every attempt', async () => {
    const urls = Array.from({ length: 30 }, (_, i) => `${ctx.server.url}/${i}`);
    const results = await run(urls, http1({ tls: { ca: ctx.ca } }), { concurrency: 10, timeline: true });
    expect(results.every((result) => result.ok)).toBe(true);
    const spans = results.flatMap((result) => result.timeline?.attempts ?? []);
    const opened = spans.filter((span) => span.connected !== undefined);
    // Counted at the server: one session, one attempt that says it opened it.
    expect(ctx.server.connections).toBe(1);
    expect(opened).toHaveLength(1);
    for (const span of spans) {
      expect(span.firstByte).toBeGreaterThanOrEqual(span.connected ?? span.start);
      expect(span.end).toBeGreaterThanOrEqual(span.firstByte ?? Infinity);
    }
  });
});
