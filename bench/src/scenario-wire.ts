import { runMeasured } from './measured-process.js';
import { benchScript } from './paths.js';

/** What autocannon reached against one upstream: the wire's ceiling, for reference. */
export interface WireCeiling {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly requests: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number };
}

/** Runs autocannon (no body parsing, its own process) against `base` for `seconds`. */
export async function measureWire(base: string, connections: number, seconds: number, env?: NodeJS.ProcessEnv): Promise<WireCeiling> {
  const run = await runMeasured([benchScript('autocannon-process'), base, String(connections), String(seconds)], { env: { ...process.env, ...env }, probe: false });
  return { url: base, connections, seconds, ...(JSON.parse(run.lastLine) as Omit<WireCeiling, 'url' | 'connections' | 'seconds'>) };
}
