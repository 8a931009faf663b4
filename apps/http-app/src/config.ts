import { redactUrl } from '@fanout/core';

/** The app's settings, read from the environment by {@link readConfig}. */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** `undefined`: start the embedded demo upstream. */
  readonly upstreamUrl: string | undefined;
  readonly demoLatencyMs: number;
  readonly byteBudget: number;
  readonly deadlineMs: number;
  readonly shutdownGraceMs: number;
  readonly maxCalls: number;
  readonly maxCallsPerClient: number;
  readonly streamBufferBytes: number;
  readonly writeTimeoutMs: number;
}

/** A setting the app cannot start with: `main` prints the message as one line and exits 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError' as const;
  readonly code = 'ECONFIG' as const;
}

/** Defaults of the settings that have one. */
export const CONFIG_DEFAULTS = {
  port: 3000,
  host: '127.0.0.1',
  demoLatencyMs: 150,
  byteBudget: 8 * 1024 * 1024,
  deadlineMs: 30_000,
  shutdownGraceMs: 10_000,
  maxCalls: 16,
  maxCallsPerClient: 4,
  streamBufferBytes: 1024 * 1024,
  writeTimeoutMs: 30_000,
} as const;

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new ConfigError(`${name}=${JSON.stringify(text)} is invalid: use an integer from ${min} to ${max}`);
  }
  return n;
}

/** An absolute http(s) URL, or a `ConfigError` that says what was given (password hidden). */
function upstream(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`UPSTREAM_URL=${JSON.stringify(redactUrl(text))} is not a URL: use an absolute http:// or https:// URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`UPSTREAM_URL=${JSON.stringify(redactUrl(text))} is not an http(s) URL: use an absolute http:// or https:// URL`);
  }
  return text;
}

/**
 * Reads and checks every setting at once: `PORT`, `HOST`, `UPSTREAM_URL`, `DEMO_LATENCY_MS`,
 * `UPSTREAM_BYTE_BUDGET`, `API_DEADLINE_MS`, `SHUTDOWN_GRACE_MS`, `MAX_CALLS`,
 * `MAX_CALLS_PER_CLIENT`, `STREAM_BUFFER_BYTES`, `WRITE_TIMEOUT_MS`. Throws `ConfigError` for
 * the first bad one.
 */
export function readConfig(env: Env): AppConfig {
  return {
    port: integer(env, 'PORT', CONFIG_DEFAULTS.port, 0, 65_535),
    host: env.HOST || CONFIG_DEFAULTS.host,
    upstreamUrl: upstream(env.UPSTREAM_URL),
    demoLatencyMs: integer(env, 'DEMO_LATENCY_MS', CONFIG_DEFAULTS.demoLatencyMs, 0, 60_000),
    byteBudget: integer(env, 'UPSTREAM_BYTE_BUDGET', CONFIG_DEFAULTS.byteBudget, 1, 1024 * 1024 * 1024),
    deadlineMs: integer(env, 'API_DEADLINE_MS', CONFIG_DEFAULTS.deadlineMs, 1, 600_000),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', CONFIG_DEFAULTS.shutdownGraceMs, 0, 600_000),
    maxCalls: integer(env, 'MAX_CALLS', CONFIG_DEFAULTS.maxCalls, 1, 1024),
    maxCallsPerClient: integer(env, 'MAX_CALLS_PER_CLIENT', CONFIG_DEFAULTS.maxCallsPerClient, 1, 1024),
    streamBufferBytes: integer(env, 'STREAM_BUFFER_BYTES', CONFIG_DEFAULTS.streamBufferBytes, 1024, 1024 * 1024 * 1024),
    writeTimeoutMs: integer(env, 'WRITE_TIMEOUT_MS', CONFIG_DEFAULTS.writeTimeoutMs, 100, 600_000),
  };
}
