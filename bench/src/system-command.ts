import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BenchError } from './bench-error.js';

// Root's PATH has the sbin directories, a user's often not: nginx lives in /usr/sbin.
const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

function find(command: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...SYSTEM_DIRS];
  return dirs.map((dir) => join(dir, command)).find((file) => existsSync(file));
}

/**
 * The path of a system command. When it is missing, installs its Debian package with apt-get
 * (as `.ci/run` does for the test's system packages), which needs root.
 */
export function systemCommand(command: string, debianPackage: string): string {
  const found = find(command);
  if (found) return found;
  process.stderr.write(`bench: ${command} is missing; installing Debian's ${debianPackage} with apt-get\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', '-qq', debianPackage], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } catch (error) {
    throw new BenchError(`apt-get install ${debianPackage} failed (for ${command}); install it by hand`, { cause: error });
  }
  const installed = find(command);
  if (!installed) throw new BenchError(`${command} not found after apt-get install ${debianPackage}`);
  return installed;
}
