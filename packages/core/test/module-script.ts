import { spawn } from 'node:child_process';
import { childEnv } from './child-env.js';
import { waitFor } from './held-server.js';

/** How a `node --input-type=module -e SCRIPT` child ended. */
export interface ScriptExit {
  /** The exit code; `null` when a signal ended it. */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `script` as an ES module in a child Node process and waits (up to `timeoutMs`) for it to
 * exit by itself: a child still running then is killed and the wait fails.
 */
export async function runScriptToExit(script: string, timeoutMs = 30_000): Promise<ScriptExit> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv() });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exitCode: number | null | undefined;
  child.on('exit', (code) => (exitCode = code));
  try {
    await waitFor(() => exitCode !== undefined, timeoutMs);
  } finally {
    child.kill();
  }
  return { exitCode: exitCode ?? null, stdout, stderr };
}
