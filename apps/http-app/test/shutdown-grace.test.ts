import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeningUrl, startMain } from './main-process.js';
import { startTestUpstream, type TestUpstream } from './test-upstream.js';

// The upstream never answers, and the call's deadline is far away: only the grace ends it.
let upstream: TestUpstream;
beforeAll(async () => {
  upstream = await startTestUpstream(() => undefined);
});
afterAll(() => upstream.close());

describe('SIGTERM with a response that would never finish', () => {
  it('cuts it when the grace (SHUTDOWN_GRACE_MS) is over, and exits 0', async () => {
    const main = startMain({ UPSTREAM_URL: upstream.url, SHUTDOWN_GRACE_MS: '300', API_DEADLINE_MS: '600000' });
    const url = await listeningUrl(main);
    const inFlight = fetch(`${url}/api/posts?ids=1`).then(
      (r) => r.text(),
      (error: Error) => error,
    );
    await expect.poll(() => upstream.requests.length, { timeout: 20_000 }).toBe(1);

    main.child.kill('SIGTERM');

    expect(await main.exited).toBe(0);
    expect(await inFlight).toBeInstanceOf(Error);
    expect(main.stdout()).toContain('"msg":"stopped"');
  });
});
