import { randomBytes } from 'node:crypto';
import { opendir, rm } from 'node:fs/promises';
import { hostTag, processAlive } from './process-alive.js';
import { TEMP_NAME } from './temp-name-pattern.js';

/** The temporary files this process has open now. */
const mine = new Set<string>();

/** Names' random parts made ahead, 256 at a time: one `randomBytes` call per file was 20 ms of a 500-file download. */
let randomHex = '';

/** A new temporary file name of this process (hidden, recognisable, short whatever the final name). */
export function tempName(): string {
  if (randomHex.length === 0) randomHex = randomBytes(4 * 256).toString('hex');
  const name = `.fanout-${hostTag()}-${process.pid}-${randomHex.slice(0, 8)}.part`;
  randomHex = randomHex.slice(8);
  mine.add(name);
  return name;
}

/** The temporary file is renamed or removed: it is no longer this process's. */
export function tempDone(name: string): void {
  mine.delete(name);
}

/**
 * Removes, from the directory at `path` (not below it), the temporary files that a killed fanout
 * left: only names of our pattern, made on this machine, by a pid that no longer runs (or by this
 * pid, but not open now: an earlier process that had the same pid). A running fanout's files,
 * another machine's (a shared disk), and anything else are kept. Reads the directory as a stream
 * (flat memory). Returns how many were removed.
 */
export async function removeStaleTemps(path: string): Promise<number> {
  let removed = 0;
  const dir = await opendir(path);
  for await (const entry of dir) {
    const match = TEMP_NAME.exec(entry.name);
    if (!match || match[1] !== hostTag() || !entry.isFile()) continue;
    const pid = Number(match[2]);
    if (pid === process.pid ? mine.has(entry.name) : processAlive(pid)) continue;
    await rm(`${path}/${entry.name}`, { force: true });
    removed++;
  }
  return removed;
}
