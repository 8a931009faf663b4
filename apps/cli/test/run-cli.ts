import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startDemoUpstream, type DemoUpstream, type DemoUpstreamOptions } from '@fanout/demo-upstream';
import { afterAll, beforeAll } from 'vitest';
import { childEnv } from './child-env.js';

export const BIN = fileURLToPath(new URL('../bin/fanout.js', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Spawns the built CLI as a user would, with a controlled environment (child-env.ts), NO_COLOR and an optional stdin. */
export function startCli(
  args: readonly string[],
  options: { stdin?: string; env?: NodeJS.ProcessEnv; keepStdinOpen?: boolean; nodeArgs?: readonly string[] } = {},
): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    env: childEnv({ NO_COLOR: '1', ...options.env }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  else if (!options.keepStdinOpen) child.stdin?.end();
  const done = new Promise<CliRun>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

export function runCli(args: readonly string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return startCli(args, options).done;
}

/** Parses stdout as NDJSON, failing on any line that is not JSON. */
export function ndjson(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A demo upstream for one test file, started before its tests and closed after them. */
export function useDemoUpstream(options: DemoUpstreamOptions = {}): { readonly upstream: DemoUpstream } {
  const holder = {} as { upstream: DemoUpstream };
  beforeAll(async () => {
    holder.upstream = await startDemoUpstream(options);
  });
  afterAll(() => holder.upstream.close());
  return holder;
}
