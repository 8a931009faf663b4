import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { UsageError } from '../errors/usage-error.js';
import { hostTag, processAlive } from './process-alive.js';

/** The pid in a lock's content (`<pid> <host tag>`, or a bare pid), and whether it is of this machine. */
function holderOf(content: string): { pid: number; here: boolean } | undefined {
  const match = /^(\d+)(?: ([0-9a-f]{8}))?\n?$/.exec(content);
  const pid = Number(match?.[1]);
  if (!match || !Number.isSafeInteger(pid) || pid <= 0) return undefined;
  return { pid, here: match[2] === undefined || match[2] === hostTag() };
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * `FILE.lock` next to a `--journal FILE`: one run at a time per journal. The lock file holds the
 * pid of its run and its machine's tag; it appears whole (written aside, then hard-linked into place, which fails if
 * it exists). A lock whose pid no longer runs (a run killed with -9) is stale: it is renamed
 * aside, checked to be the one that was read, and removed; a live one is a usage error.
 */
export class JournalLock {
  private constructor(private readonly path: string) {}

  /** Takes the lock of `journal`; throws `UsageError` while another live run holds it. */
  static acquire(journal: string): JournalLock {
    const path = `${journal}.lock`;
    const mine = `${process.pid} ${hostTag()}\n`;
    const aside = `${path}.${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      writeFileSync(aside, mine, { flag: 'wx' });
    } catch (error) {
      throw new UsageError(`cannot create the lock ${path} of --journal ${journal} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 'Give a journal path in a directory fanout may write.');
    }
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          linkSync(aside, path);
          return new JournalLock(path);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const content = readOrUndefined(path);
        if (content === undefined) continue; // released meanwhile
        const holder = holderOf(content);
        // Another machine's run (a shared disk) cannot be checked: it counts as running.
        if (holder !== undefined && !holder.here) throw busy(journal, path, `pid ${holder.pid} on another machine`);
        if (holder !== undefined && holder.pid !== process.pid && processAlive(holder.pid)) throw busy(journal, path, `pid ${holder.pid}`);
        JournalLock.removeStale(path, content);
      }
      throw busy(journal, path, undefined);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot take the lock ${path} of --journal ${journal} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 'Give a journal path in a directory fanout may write.');
    } finally {
      unlinkSync(aside);
    }
  }

  /** Removes the stale lock that read `content`, never one another run took meanwhile. */
  private static removeStale(path: string, content: string): void {
    const moved = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      renameSync(path, moved);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // another run removed it first
      throw error;
    }
    if (readFileSync(moved, 'utf8') !== content) {
      // Another run replaced the stale lock between our read and our rename: give it back.
      try {
        linkSync(moved, path);
      } catch {
        // a third run holds it now; ours is gone either way
      }
    }
    unlinkSync(moved);
  }

  /** Removes the lock (if it is still this run's). */
  release(): void {
    try {
      if (readOrUndefined(this.path) === `${process.pid} ${hostTag()}\n`) unlinkSync(this.path);
    } catch {
      // a lock left behind is stale once this process is gone
    }
  }
}

function busy(journal: string, path: string, holder: string | undefined): UsageError {
  return new UsageError(
    `--journal ${journal} is in use by another fanout run${holder === undefined ? '' : ` (${holder})`}`,
    `Wait for it to end, or remove ${path} if no fanout is running.`,
  );
}
