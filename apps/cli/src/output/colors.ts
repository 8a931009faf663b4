import pc from 'picocolors';
import type { Colors } from 'picocolors/types.js';

/**
 * Colours for a stream: on for a terminal, off for pipes and files, `NO_COLOR` and `TERM=dumb`
 * turn them off, `FORCE_COLOR` (not `0`/`false`) on. Nx runs every task with `FORCE_COLOR=true`
 * whatever its own output is (and gives the task a pseudo-terminal when it is on one), so under
 * nx (`NX_TASK_TARGET_PROJECT` set) that value is ignored and the terminal decides:
 * `npx nx run cli:start | cat` prints no colour codes.
 */
export function colorsFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Colors {
  const nxDefault = env.NX_TASK_TARGET_PROJECT !== undefined && env.FORCE_COLOR === 'true';
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false' && !nxDefault;
  return pc.createColors(forced || (!!stream.isTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb'));
}
