import { describe, expect, it } from 'vitest';
import { http1, run } from '../http1/run.js';
import { useH2Server } from './h2-server.js';

// Each answer waits until at least 10 requests are in (or no more can come): sessions fill up.
let inFlight = 0;
const held: (() => void)[] = [];
const ctx = useH2Server(
  (_req, res) => {
    inFlight++;
    held.push(() => {
      inFlight--;
      res.end('ok');
    });
    setTimeout(() => held.shift()?.(), 5);
  },
  { settings: { maxConcurrentStreams: 10 } },
);

describe("HTTP/2: the server's MAX_CONCURRENT_STREAMS", () => {
  it('is never exceeded on a session; more sessions open only as needed', async () => {
    const urls = Array.from({ length: 300 }, (_, i) => `${ctx.server.url}/n/${i}`);
    const results = await run(urls, http1({ tls: { ca: ctx.ca }, connections: 64 }), { concurrency: 64 });

    expect(results.filter((result) => result.ok)).toHaveLength(300);
    expect(ctx.server.versions).toEqual({ '2.0': 300 });
    expect(ctx.server.maxStreamsPerSession).toBe(10);
    // 64 in flight need 7 sessions of 10 streams, and never more.
    expect(ctx.server.sessions).toBeGreaterThan(1);
    expect(ctx.server.sessions).toBeLessThanOrEqual(7);
    expect(inFlight).toBe(0);
  });

  it('with a few requests in flight, one session is enough', async () => {
    const urls = Array.from({ length: 50 }, (_, i) => `${ctx.server.url}/n/${i}`);
    const results = await run(urls, http1({ tls: { ca: ctx.ca } }), { concurrency: 8 });
    expect(results.filter((result) => result.ok)).toHaveLength(50);
    expect(ctx.server.sessions).toBe(1);
  });
});
