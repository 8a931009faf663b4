import { spawn } from 'node:child_process';
import { childEnv } from './child-env.js';
import { waitFor } from './held-server.js';

/** How a script's process ended: its exit code (`undefined` if it never exited) and what it printed. */
export interface ScriptExit {
  readonly exitCode: number | null | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the ES module `script` in a new Node process and waits up to `timeoutMs` for it to exit
 * by itself (a test that a process is not kept alive); kills it if it has not by then.
 */
export async function runToExit(script: string, timeoutMs = 30_000): Promise<ScriptExit> {
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
  return { exitCode, stdout, stderr };
}
