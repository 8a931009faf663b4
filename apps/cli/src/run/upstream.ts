import { postUrl, startDemoUpstream, type DemoUpstream } from '@fanout/demo-upstream';
import type { UpstreamChoice } from '../inputs/upstream-choice.js';
import { shownText } from '../render/terminal-safe.js';

/** The upstream in use: its base URL, a line that says what it is, and how to stop it. */
export interface ActiveUpstream {
  readonly baseUrl: string;
  readonly description: string;
  close(): Promise<void>;
}

/** Starts the embedded demo upstream on a free loopback port, or just names the given one. */
export async function openUpstream(choice: UpstreamChoice): Promise<ActiveUpstream> {
  if (choice.kind === 'url') {
    return {
      baseUrl: choice.url,
      description: choice.live ? `${shownText(choice.url)} (live, --live)` : `${shownText(choice.url)} (--base-url)`,
      close: async () => undefined,
    };
  }
  const demo: DemoUpstream = await startDemoUpstream({ latency: choice.latency, failRate: choice.failRate });
  return {
    baseUrl: demo.url,
    description: `embedded demo at ${demo.url} (real jsonplaceholder data, latency ${choice.latency} ms, fail rate ${choice.failRate})`,
    close: () => demo.close(),
  };
}

/** The post URLs of `ids` on the upstream. */
export function postUrls(baseUrl: string, ids: readonly number[]): string[] {
  return ids.map((id) => postUrl(baseUrl, id));
}
