import { describe, expect, it } from 'vitest';
import { useAppOn } from './app-fixture.js';
import { hasMetric, metric } from './metrics-text.js';
import { useNeverReadingClients } from './never-reading-client.js';
import { postId, sendPost } from './test-upstream.js';

// Posts of 150 KB: a call of 100 ids has 15 MB to send, more than the system's socket buffers take
// for a client that does not read (about 4 MB on loopback here), so the rest waits in the app.
const POST_BYTES = 150_000;
const BOUND = 64 * 1024;
const ctx = useAppOn((req, res) => sendPost(res, postId(req), POST_BYTES), { streamBufferBytes: BOUND, writeTimeoutMs: 600_000, byteBudget: 64 * 1024 * 1024 });
const stalled = useNeverReadingClients(() => ({ url: ctx.url, server: ctx.app.server }));

describe('a stream whose client does not read is cut once STREAM_BUFFER_BYTES wait for it', () => {
  it.each(['/api/posts/stream?ids=1-100&concurrency=8', '/api/compare/stream?ids=1-100&concurrency=8'])(
    '%s: the app closes the connection, cancels the call, and never holds more than the bound and one record',
    async (path) => {
      expect(await hasMetric(ctx.url, 'http_response_buffered_bytes')).toBe(true);
      const cutBefore = await metric(ctx.url, 'http_responses_cut_total{reason="buffer"}');
      const client = await stalled.open(path);
      let mostBuffered = 0;
      await expect
        .poll(
          async () => {
            mostBuffered = Math.max(mostBuffered, await metric(ctx.url, 'http_response_buffered_bytes'));
            return stalled.serverSide(client)?.destroyed;
          },
          { timeout: 20_000, interval: 20 },
        )
        .toBe(true);
      expect(await metric(ctx.url, 'http_responses_cut_total{reason="buffer"}')).toBe(cutBefore + 1);
      await expect.poll(() => metric(ctx.url, 'http_calls_open'), { timeout: 20_000 }).toBe(0);
      expect(await metric(ctx.url, 'http_response_buffered_bytes')).toBe(0);
      expect(mostBuffered).toBeLessThanOrEqual(BOUND + POST_BYTES + 1000);
      // Cancelled: fewer upstream requests than the call would make.
      expect(ctx.upstream.requests.length).toBeLessThan(path.startsWith('/api/posts') ? 100 : 200);
    },
  );
});
