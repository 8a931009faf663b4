import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { childEnv } from './child-env.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** `node dist/main.js` (the built app) with extra environment, its output collected. */
export interface MainProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
}

export function startMain(env: Readonly<Record<string, string>>): MainProcess {
  const child = spawn(process.execPath, [MAIN], { env: childEnv({ PORT: '0', ...env }) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Waits (polling, however long it takes) for the app's "listening" log line; its base URL. */
export async function listeningUrl(main: MainProcess): Promise<string> {
  await expect.poll(() => /listening on (http:\S+)"/.exec(main.stdout())?.[1], { timeout: 20_000 }).toBeTruthy();
  return /listening on (http:\S+)"/.exec(main.stdout())?.[1] as string;
}
