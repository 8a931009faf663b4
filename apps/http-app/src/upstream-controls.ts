import { AppError } from './app-error.js';

/** What a visitor may change of the embedded demo upstream. */
export interface UpstreamSettings {
  /** Delay before each answer, ms. */
  readonly latency: number;
  /** Share of requests (0–1) that fail with a 500. */
  readonly failRate: number;
}

/** The embedded demo upstream, as the app may shape it. */
export interface EmbeddedUpstream {
  /** Its settings when the app starts. */
  readonly initial: UpstreamSettings;
  /** Changes its settings from now on (the demo upstream's `configure`). */
  configure(next: Partial<UpstreamSettings>): void;
}

/**
 * The embedded upstream's settings as the app last set them. They are the upstream's, so they
 * hold for every visitor until someone changes them again.
 */
export class UpstreamControls {
  private settings: UpstreamSettings;

  constructor(private readonly upstream: EmbeddedUpstream) {
    this.settings = upstream.initial;
  }

  get current(): UpstreamSettings {
    return this.settings;
  }

  apply(next: Partial<UpstreamSettings>): void {
    if (next.latency === undefined && next.failRate === undefined) return;
    this.settings = { ...this.settings, ...next };
    this.upstream.configure(this.settings);
  }
}

/**
 * Checks a call's `latency` / `failRate` at once and gives the function that applies them to the
 * embedded upstream (to call once the call is sure to run: not for HEAD). With an external
 * upstream (`UPSTREAM_URL`) there is nothing to shape: 400 `EUPSTREAMFIXED`.
 */
export function upstreamChange(controls: UpstreamControls | undefined, next: Partial<UpstreamSettings>): () => void {
  const given = Object.keys(next);
  if (given.length === 0) return () => undefined;
  if (controls === undefined) {
    throw new AppError(400, 'EUPSTREAMFIXED', `latency and failRate shape the embedded demo upstream only (got ${given.join(' and ')}); this app fetches from UPSTREAM_URL, which it cannot change`);
  }
  return () => controls.apply(next);
}
