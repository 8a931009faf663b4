import { createServer, type OutgoingHttpHeaders } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { fanout, RateLimitedError } from '../../src/index.js';
import { collect } from '../helpers.js';

const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(warning.name);
process.on('warning', onWarning);
afterEach(() => {
  warnings.length = 0;
});

/** A server whose every answer is 200 with `headers`; counts the requests it gets. */
async function announcing(headers: OutgoingHttpHeaders) {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const YEAR_3000 = String(Date.UTC(3000, 0, 1) / 1000);

it.each([
  ['RateLimit draft 07, reset=1000000000 s', { ratelimit: 'limit=1, remaining=0, reset=1000000000' }],
  ['RateLimit, t=1000000000', { ratelimit: '"w";r=0;t=1000000000' }],
  ['X-RateLimit-Reset: 999999999999999', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '999999999999999' }],
  ['X-RateLimit-Reset: an epoch in the year 3000', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': YEAR_3000 }],
  ['RateLimit-Reset: 31 s (just past maxRetryAfter)', { 'ratelimit-remaining': '0', 'ratelimit-reset': '31' }],
])('%s: the next requests fail at once with ERATELIMITED, unsent, no timer overflows', async (_name, headers) => {
  const server = await announcing(headers);
  try {
    const urls = [0, 1, 2].map((i) => `${server.url}/${i}`);
    const results = await collect(fanout(urls, { concurrency: 1, ordered: true }));
    expect(results.map((r) => r.ok)).toEqual([true, false, false]);
    for (const result of results.slice(1)) {
      expect(result.ok ? undefined : result.error).toBeInstanceOf(RateLimitedError);
      expect(result.ok ? undefined : result.error.toJSON()).toMatchObject({ name: 'RateLimitedError', code: 'ERATELIMITED' });
      expect(result.attempts).toBe(0);
    }
    expect(server.requests).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).not.toContain('TimeoutOverflowWarning');
  } finally {
    await server.close();
  }
}, 10_000);

it('a reset within maxRetryAfter is still waited for (raised to 60 s, a reset of 31 s is not refused)', async () => {
  const server = await announcing({ 'ratelimit-remaining': '0', 'ratelimit-reset': '31' });
  try {
    const controller = new AbortController();
    const run = collect(fanout([`${server.url}/0`, `${server.url}/1`], { concurrency: 1, retry: { maxRetryAfter: 60_000 }, signal: controller.signal }));
    // The second request waits for the reset: abort it once the first was answered.
    for (let i = 0; i < 200 && server.requests < 1; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    const results = await run;
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['EABORTED']);
  } finally {
    await server.close();
  }
}, 10_000);
