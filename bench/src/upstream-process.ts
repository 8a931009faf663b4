import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BenchError } from './bench-error.js';
import { benchScript } from './paths.js';

const DEMO_MAIN = fileURLToPath(new URL('../../packages/demo-upstream/dist/main.js', import.meta.url));

/** An upstream running as a separate process on loopback. */
export interface UpstreamProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `node MAIN ...args` and waits for the URL it prints as its first line. */
async function startServerProcess(main: string, args: readonly string[]): Promise<UpstreamProcess> {
  const child: ChildProcess = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new BenchError(`${main} exited with ${code} before it printed its URL`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Starts `fanout-demo-upstream` with a fixed latency in its own process and waits for its URL. */
export function startUpstreamProcess(latency: number): Promise<UpstreamProcess> {
  return startServerProcess(DEMO_MAIN, ['--latency', String(latency)]);
}

/** Starts the latency-bound scenario's upstream (latency-upstream.ts) in its own process. */
export function startLatencyUpstreamProcess(latency: number): Promise<UpstreamProcess> {
  return startServerProcess(benchScript('latency-upstream-process'), ['--latency', String(latency)]);
}
