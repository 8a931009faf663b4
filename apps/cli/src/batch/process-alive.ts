import { createHash } from 'node:crypto';
import { hostname } from 'node:os';

let tag: string | undefined;

/** This machine in a file name or a lock (8 hex digits of sha256(hostname)): a pid means something only on its own machine. Made on first use. */
export function hostTag(): string {
  tag ??= createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
  return tag;
}

/** Whether process `pid` runs on this machine (this process counts; one of another user too: EPERM). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
