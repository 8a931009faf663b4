import { Writable } from 'node:stream';
import { startDemoUpstream, type DemoUpstream } from '@fanout/demo-upstream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/server.js';
import { getJson } from './app-fixture.js';
import { listeningUrl, startMain } from './main-process.js';

let upstream: DemoUpstream;
let app: App;
let url: string;
let logs = '';

beforeAll(async () => {
  upstream = await startDemoUpstream();
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => ((logs += chunk.toString()), done()) });
  app = createApp({ upstreamUrl: upstream.url.replace('http://', 'http://user:secret@'), logger: pino(sink) });
  url = await app.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await app.shutdown(1000);
  await upstream.close();
});

describe('a password in UPSTREAM_URL is never shown or logged', () => {
  it('/healthz names the upstream with the password hidden', async () => {
    const { body } = await getJson(`${url}/healthz`);
    expect(body.upstream).toMatch(/^http:\/\/user:\*\*\*@127\.0\.0\.1:\d+\/?$/);
  });

  it("every result's url, in every endpoint, and the request logs", async () => {
    const posts = await (await fetch(`${url}/api/posts?ids=1,2,200`)).text();
    const stream = await (await fetch(`${url}/api/posts/stream?ids=1,2`)).text();
    const sse = await (await fetch(`${url}/api/posts/stream?ids=1,2`, { headers: { accept: 'text/event-stream' } })).text();
    const compare = await (await fetch(`${url}/api/compare?ids=1,2`)).text();
    expect(posts).toContain('user:***@');
    for (const text of [posts, stream, sse, compare, logs]) expect(text).not.toContain('secret');
  });

  it("the app's start-up log line", async () => {
    const main = startMain({ UPSTREAM_URL: upstream.url.replace('http://', 'http://user:secret@') });
    await listeningUrl(main);
    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
    expect(main.stdout()).toContain('user:***@');
    expect(main.stdout() + main.stderr()).not.toContain('secret');
  });
});
