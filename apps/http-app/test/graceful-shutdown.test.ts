import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeningUrl, startMain } from './main-process.js';
import { postId, sendPost, startTestUpstream, type TestUpstream } from './test-upstream.js';

// The upstream holds every response until the test releases them: no timing involved.
const held: Array<() => void> = [];
let upstream: TestUpstream;
beforeAll(async () => {
  upstream = await startTestUpstream((req, res: ServerResponse) => held.push(() => sendPost(res, postId(req))));
});
afterAll(() => upstream.close());

describe('SIGTERM', () => {
  it('stops accepting, lets the in-flight response finish, then exits 0', async () => {
    const main = startMain({ UPSTREAM_URL: upstream.url });
    const url = await listeningUrl(main);

    const inFlight = fetch(`${url}/api/posts?ids=1,2`).then(async (r) => ({ status: r.status, body: (await r.json()) as { summary: { ok: number } } }));
    await expect.poll(() => held.length, { timeout: 20_000 }).toBe(2);
    main.child.kill('SIGTERM');
    await expect.poll(() => main.stdout(), { timeout: 20_000 }).toContain('"signal":"SIGTERM"');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    for (const release of held) release();

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.body.summary.ok).toBe(2);
    expect(await main.exited).toBe(0);
    expect(main.stdout()).toContain('"msg":"stopped"');
  });
});
