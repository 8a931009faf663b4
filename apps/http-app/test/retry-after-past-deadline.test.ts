import { describe, expect, it } from 'vitest';
import { getJson, useAppOn } from './app-fixture.js';

// Every post is 503 with Retry-After: 120 s, far past the call's deadline of 20 s.
const ctx = useAppOn(
  (_req, res) => {
    res.writeHead(503, { 'retry-after': '120', 'content-type': 'application/json' });
    res.end('{"error":"busy"}');
  },
  { deadlineMs: 20_000 },
);

describe('a Retry-After longer than what is left of the call', () => {
  it('fails the item at once with the 503, without waiting for the deadline or retrying', async () => {
    const { status, body } = await getJson(`${ctx.url}/api/posts?ids=1`);
    expect(status).toBe(200);
    expect(body.results).toEqual([expect.objectContaining({ ok: false, status: 503, attempts: 1, error: expect.objectContaining({ code: 'EHTTP' }) })]);
    expect(ctx.upstream.requests).toHaveLength(1);
  });
});
