import { describe, expect, it } from 'vitest';
import { useApp } from './app-fixture.js';

const ctx = useApp({ latency: 10 });

describe('GET /api/posts/stream', () => {
  it('streams NDJSON: one line per result as it completes, the summary last', async () => {
    const response = await fetch(`${ctx.url}/api/posts/stream?ids=1-5&concurrency=5`);
    const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(lines).toHaveLength(6);
    expect(lines.slice(0, 5).map((l) => l.index).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(lines[5]).toMatchObject({ summary: { count: 5, ok: 5 } });
  });

  it('streams SSE when the client accepts text/event-stream', async () => {
    const response = await fetch(`${ctx.url}/api/posts/stream?ids=1,2`, { headers: { accept: 'text/event-stream' } });
    const events = (await response.text()).trim().split('\n\n');
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(events.map((e) => e.split('\n')[0])).toEqual(['event: result', 'event: result', 'event: summary']);
    expect(JSON.parse(events[2]?.split('\n')[1]?.slice('data: '.length) ?? '')).toMatchObject({ count: 2 });
  });
});
