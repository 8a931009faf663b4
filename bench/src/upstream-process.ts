import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../packages/demo-upstream/dist/main.js', import.meta.url));

/** The demo upstream running as a separate process on loopback. */
export interface UpstreamProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `fanout-demo-upstream` with a fixed latency in its own process and waits for its URL. */
export async function startUpstreamProcess(latency: number): Promise<UpstreamProcess> {
  const child: ChildProcess = spawn(process.execPath, [MAIN, '--latency', String(latency)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`demo upstream exited with ${code}`)));
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
