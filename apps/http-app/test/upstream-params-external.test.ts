import { describe, expect, it } from 'vitest';
import { getJson, useAppOn } from './app-fixture.js';
import { postId, sendPost } from './test-upstream.js';

const ctx = useAppOn((req, res) => sendPost(res, postId(req)));

describe('with an external upstream (UPSTREAM_URL) there is nothing to shape', () => {
  it('GET /api/upstream says it is not embedded', async () => {
    expect((await getJson(`${ctx.url}/api/upstream`)).body).toEqual({ embedded: false });
  });

  it.each(['/api/posts', '/api/posts/stream', '/api/compare', '/api/compare/stream', '/api/sweep', '/api/sweep/stream'])(
    '%s refuses latency and failRate with 400 EUPSTREAMFIXED, nothing fetched',
    async (path) => {
      for (const param of ['latency=100', 'failRate=0.5']) {
        const response = await getJson(`${ctx.url}${path}?ids=1&${param}`);
        expect(response.status).toBe(400);
        expect(response.body).toEqual({ error: { code: 'EUPSTREAMFIXED', message: expect.stringContaining('UPSTREAM_URL') } });
      }
      expect(ctx.upstream.requests).toEqual([]);
    },
  );
});
