import type { IncomingMessage, ServerResponse } from 'node:http';
import { startDemoUpstream, type DemoUpstream, type DemoUpstreamOptions } from '@fanout/demo-upstream';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createApp, type App, type AppOptions } from '../src/server.js';
import { startTestUpstream, type TestUpstream } from './test-upstream.js';

type ExtraOptions = Omit<AppOptions, 'upstreamUrl'>;

/** A real listening app on 127.0.0.1:0 in front of a real demo upstream, for one test file. */
export function useApp(
  upstreamOptions: DemoUpstreamOptions = {},
  appOptions: ExtraOptions = {},
): { readonly upstream: DemoUpstream; readonly app: App; readonly url: string } {
  const holder = {} as { upstream: DemoUpstream; app: App; url: string };
  beforeAll(async () => {
    holder.upstream = await startDemoUpstream(upstreamOptions);
    holder.app = createApp({ upstreamUrl: holder.upstream.url, logger: pino({ level: 'silent' }), ...appOptions });
    holder.url = await holder.app.listen(0, '127.0.0.1');
  });
  beforeEach(() => holder.upstream.resetStats());
  afterAll(async () => {
    await holder.app.shutdown(1000);
    await holder.upstream.close();
  });
  return holder;
}

/** A real listening app in front of a {@link startTestUpstream} whose handler answers everything. */
export function useAppOn(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  appOptions: ExtraOptions = {},
): { readonly upstream: TestUpstream; readonly app: App; readonly url: string } {
  const holder = {} as { upstream: TestUpstream; app: App; url: string };
  beforeAll(async () => {
    holder.upstream = await startTestUpstream(handler);
    holder.app = createApp({ upstreamUrl: holder.upstream.url, logger: pino({ level: 'silent' }), ...appOptions });
    holder.url = await holder.app.listen(0, '127.0.0.1');
  });
  beforeEach(() => holder.upstream.reset());
  afterAll(async () => {
    await holder.app.shutdown(1000);
    await holder.upstream.close();
  });
  return holder;
}

export async function getJson(url: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}
