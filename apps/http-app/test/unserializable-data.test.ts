import { describe, expect, it } from 'vitest';
import { getJson, useAppOn } from './app-fixture.js';
import { postId, sendPost } from './test-upstream.js';

// Post 2 is valid JSON nested 200,000 deep: the core refuses it before parsing (maxJsonDepth), so
// nothing downstream walks it; it is that item's failure alone.
const NESTED = '['.repeat(200_000) + ']'.repeat(200_000);
const ctx = useAppOn((req, res) => {
  const id = postId(req);
  if (id !== 2) return sendPost(res, id);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(NESTED);
});

const failedError = { name: 'ParseError', code: 'EJSONDEPTH', message: expect.stringContaining('more than 512 levels deep') };
const failedItem = { index: 1, ok: false, error: expect.objectContaining(failedError) };

describe('upstream data that cannot be serialised is a failed item, never a 5xx or a crash', () => {
  it('/api/posts: 200, the item failed with EJSONDEPTH, the others ok, and the summary agrees', async () => {
    const { status, body } = await getJson(`${ctx.url}/api/posts?ids=1-3`);
    expect(status).toBe(200);
    expect(body.results).toEqual([expect.objectContaining({ index: 0, ok: true }), expect.objectContaining(failedItem), expect.objectContaining({ index: 2, ok: true })]);
    expect(body.summary).toMatchObject({ count: 3, ok: 2, failed: 1, failedByCode: { EJSONDEPTH: 1 } });
  });

  it('/api/posts/stream as NDJSON: the failed line, then the summary', async () => {
    const response = await fetch(`${ctx.url}/api/posts/stream?ids=1-3&mode=sequential`);
    const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(response.status).toBe(200);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatchObject(failedItem);
    expect(lines[3]).toMatchObject({ summary: { ok: 2, failed: 1 } });
  });

  it('/api/posts/stream as SSE: the failed event, then the summary', async () => {
    const response = await fetch(`${ctx.url}/api/posts/stream?ids=1-3&mode=sequential`, { headers: { accept: 'text/event-stream' } });
    const events = (await response.text()).trim().split('\n\n');
    expect(events).toHaveLength(4);
    expect(JSON.parse(events[1]?.split('\n')[1]?.slice('data: '.length) ?? '')).toMatchObject(failedItem);
    expect(events[3]).toMatch(/^event: summary\n/);
  });

  it('/api/compare answers 200, and the server still serves', async () => {
    const { status, body } = await getJson(`${ctx.url}/api/compare?ids=1-3`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ sequential: { count: 3 }, concurrent: { count: 3 } });
    expect((await getJson(`${ctx.url}/api/posts?ids=1`)).body).toMatchObject({ summary: { ok: 1 } });
  });
});
