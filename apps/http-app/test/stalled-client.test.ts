import { describe, expect, it } from 'vitest';
import { useAppOn } from './app-fixture.js';
import { metric } from './metrics-text.js';
import { useNeverReadingClients } from './never-reading-client.js';
import { postId, sendPost } from './test-upstream.js';

// Ids up to 100 are posts of 150 KB: an answer of 60 is 9 MB, more than the system's socket
// buffers take for a client that does not read (about 4 MB on loopback here); a paced stream at
// concurrency 2 keeps less than STREAM_BUFFER_BYTES (1 MiB) waiting, so only the write timeout
// can end it. Ids past 100 are small posts answered after 400 ms.
const ctx = useAppOn(
  (req, res) => {
    const id = postId(req);
    if (id <= 100) sendPost(res, id, 150_000);
    else setTimeout(() => sendPost(res, id), 400);
  },
  { writeTimeoutMs: 300, byteBudget: 64 * 1024 * 1024 },
);
const stalled = useNeverReadingClients(() => ({ url: ctx.url, server: ctx.app.server }));

const stalledCuts = () => metric(ctx.url, 'http_responses_cut_total{reason="stalled"}');

describe('a client that takes nothing of what waits for it for WRITE_TIMEOUT_MS is cut', () => {
  it.each(['/api/posts?ids=1-60&concurrency=8', '/api/posts/stream?ids=1-100&concurrency=2'])('%s: closed by the app, its call cancelled or ended', async (path) => {
    const before = await stalledCuts();
    const client = await stalled.open(path);
    await expect.poll(() => stalled.serverSide(client)?.destroyed, { timeout: 20_000 }).toBe(true);
    expect(await stalledCuts()).toBe(before + 1);
    await expect.poll(() => metric(ctx.url, 'http_calls_open'), { timeout: 20_000 }).toBe(0);
    expect(await metric(ctx.url, 'http_response_buffered_bytes')).toBe(0);
  });

  it('a stream that waits on a slow upstream with nothing waiting for its client is not cut, however long its call runs', async () => {
    const before = await stalledCuts();
    // Six answers 400 ms apart (longer than the write timeout), each small enough for the socket buffers.
    const client = await stalled.open('/api/posts/stream?ids=101-106&concurrency=1');
    await expect.poll(() => ctx.upstream.requests.length, { timeout: 20_000 }).toBe(6);
    await expect.poll(() => metric(ctx.url, 'http_calls_open'), { timeout: 20_000 }).toBe(0);
    expect(await stalledCuts()).toBe(before);
    // The whole answer went out: the last of 6 results and the summary are in the client's socket.
    client.resume();
    let received = '';
    client.on('data', (chunk: Buffer) => (received += chunk.toString()));
    await expect.poll(() => received.includes('"summary"'), { timeout: 20_000 }).toBe(true);
  });
});
