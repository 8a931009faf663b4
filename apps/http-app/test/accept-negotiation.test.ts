import { describe, expect, it } from 'vitest';
import { useApp } from './app-fixture.js';

const ctx = useApp();

const NDJSON = 'application/x-ndjson; charset=utf-8';
const SSE = 'text/event-stream; charset=utf-8';

describe('/api/posts/stream negotiates NDJSON or SSE from Accept (q-values, wildcards)', () => {
  it.each([
    [undefined, NDJSON],
    ['*/*', NDJSON],
    ['text/event-stream', SSE],
    ['TEXT/Event-Stream', SSE],
    ['text/*', SSE],
    ['application/x-ndjson', NDJSON],
    ['text/event-stream;q=0, */*', NDJSON],
    ['text/event-stream;q=0.1, application/x-ndjson;q=0.2', NDJSON],
    ['application/x-ndjson;q=0.5, text/event-stream', SSE],
    ['*/*;q=0.1, text/event-stream;q=0.9', SSE],
    ['text/event-stream, application/x-ndjson', NDJSON],
    ['text/event-stream;q=abc, application/x-ndjson', NDJSON],
  ])('Accept: %s → %s', async (accept, type) => {
    const response = await fetch(`${ctx.url}/api/posts/stream?ids=1`, { headers: accept === undefined ? {} : { accept } });
    await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('vary')).toBe('accept');
  });

  it.each(['text/event-stream;q=0', 'text/html', 'application/x-ndjson;q=0, text/event-stream;q=0', 'text/*;q=0, application/json'])(
    'Accept: %s → 406 JSON error, nothing fetched',
    async (accept) => {
      const response = await fetch(`${ctx.url}/api/posts/stream?ids=1`, { headers: { accept } });
      expect(response.status).toBe(406);
      expect(await response.json()).toMatchObject({ error: { code: 'ENOTACCEPTABLE' } });
      expect(ctx.upstream.stats.requests).toBe(0);
    },
  );
});
