import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** A token naming this process (`host:pid:uuid`), for leases that a restarted process may take over. */
export function processToken(): string {
  return `${hostname()}:${process.pid}:${randomUUID()}`;
}

/**
 * Whether the process that made `token` is known to be dead: it ran on this host and its pid is
 * gone. `false` when unsure (another host, a pid alive or reused): then its lease must expire.
 */
export function isDeadHere(token: string): boolean {
  const [host, pid] = token.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
