import { spawn } from 'node:child_process';
import { BIN } from './run-cli.js';
import { childEnv } from './child-env.js';

/** The command line that runs the built CLI, for a shell. */
export function fanoutCommand(args: string): string {
  return `"${process.execPath}" "${BIN}" ${args}`;
}

/** Runs a shell command line; resolves with its exit code and output. */
export function sh(command: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const shell = spawn('sh', ['-c', command], { env: childEnv({ NO_COLOR: '1', ...env }) });
  let stdout = '';
  let stderr = '';
  shell.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  shell.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => shell.on('close', (code) => resolve({ code, stdout, stderr })));
}
