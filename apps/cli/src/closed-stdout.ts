import { readFileSync, readlinkSync } from 'node:fs';

/**
 * Whether the process was started with stdout closed (`fanout … >&-`). Node then opens
 * /dev/null read-write on fd 1 so writes "succeed" and vanish; a user's own `> /dev/null` is
 * write-only. Linux only (/proc); elsewhere this says false.
 */
export function stdoutWasClosed(): boolean {
  try {
    if (readlinkSync('/proc/self/fd/1') !== '/dev/null') return false;
    const flags = /flags:\s*(\d+)/.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'));
    return flags !== null && (Number.parseInt(flags[1] ?? '0', 8) & 3) === 2;
  } catch {
    return false;
  }
}
