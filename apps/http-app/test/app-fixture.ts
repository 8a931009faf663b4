import type { IncomingMessage, ServerResponse } from 'node:http';
import { startDemoUpstream, type DemoUpstream, type DemoUpstreamOptions } from '@fanout/demo-upstream';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createApp, type App, type AppOptions } from '../src/server.js';
import { startTestUpstream, type TestUpstream } from './test-upstream.js';

type ExtraOptions = Omit<AppOptions, 'upstreamUrl'>;

/** An upstream a fixture can start, reset before each test, and close. */
interface Upstream {
  readonly url: string;
  close(): Promise<void>;
}

/** A real listening app on 127.0.0.1:0 in front of the upstream `start` gives, for one test file. */
function useAppIn<U extends Upstream>(start: () => Promise<U>, reset: (upstream: U) => void, appOptions: ExtraOptions | ((upstream: U) => ExtraOptions)) {
  const holder = {} as { upstream: U; app: App; url: string };
  beforeAll(async () => {
    holder.upstream = await start();
    const extra = typeof appOptions === 'function' ? appOptions(holder.upstream) : appOptions;
    holder.app = createApp({ upstreamUrl: holder.upstream.url, logger: pino({ level: 'silent' }), ...extra });
    holder.url = await holder.app.listen(0, '127.0.0.1');
  });
  beforeEach(() => reset(holder.upstream));
  afterAll(async () => {
    await holder.app.shutdown(1000);
    await holder.upstream.close();
  });
  return holder as { readonly upstream: U; readonly app: App; readonly url: string };
}

/** The app in front of a real demo upstream (its stats reset before each test). */
export function useApp(upstreamOptions: DemoUpstreamOptions = {}, appOptions: ExtraOptions = {}) {
  return useAppIn<DemoUpstream>(() => startDemoUpstream(upstreamOptions), (upstream) => upstream.resetStats(), appOptions);
}

/**
 * The app in front of a real demo upstream that it runs as its embedded one (as `main` does with
 * no `UPSTREAM_URL`): each call may set its own `latency` and `failRate`. Before each test its
 * stats are reset.
 */
export function useEmbeddedApp(upstreamOptions: DemoUpstreamOptions = {}, appOptions: ExtraOptions = {}) {
  const defaults = { latency: upstreamOptions.latency ?? 0, failRate: upstreamOptions.failRate ?? 0 };
  return useAppIn<DemoUpstream>(
    () => startDemoUpstream(upstreamOptions),
    (upstream) => upstream.resetStats(),
    { ...appOptions, embeddedUpstream: { defaults } },
  );
}

/** The app in front of a {@link startTestUpstream} whose handler answers everything. */
export function useAppOn(handler: (req: IncomingMessage, res: ServerResponse) => void, appOptions: ExtraOptions = {}) {
  return useAppIn<TestUpstream>(() => startTestUpstream(handler), (upstream) => upstream.reset(), appOptions);
}

export async function getJson(url: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}
