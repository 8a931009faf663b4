import { startDemoUpstream, type DemoUpstream, type DemoUpstreamOptions } from '@fanout/demo-upstream';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createApp, type App } from '../src/server.js';

/** A real listening app on 127.0.0.1:0 in front of a real demo upstream, for one test file. */
export function useApp(upstreamOptions: DemoUpstreamOptions = {}): { readonly upstream: DemoUpstream; readonly app: App; readonly url: string } {
  const holder = {} as { upstream: DemoUpstream; app: App; url: string };
  beforeAll(async () => {
    holder.upstream = await startDemoUpstream(upstreamOptions);
    holder.app = createApp({ upstreamUrl: holder.upstream.url, logger: pino({ level: 'silent' }) });
    holder.url = await holder.app.listen(0, '127.0.0.1');
  });
  beforeEach(() => holder.upstream.resetStats());
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
