import { fileURLToPath } from 'node:url';

/** A file of the workspace, from bench/dist where the built harness runs. */
const at = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

/** The `fanout` bin as a user runs it (`node apps/cli/bin/fanout.js` is what `fanout` execs). */
export const FANOUT_BIN = at('../../apps/cli/bin/fanout.js');

/** The preload that measures a process from the inside (see process-probe.ts). */
export const PROBE = at('./process-probe.js');

/** Where `npm run bench` writes its JSON report and chart. */
export const RESULTS_DIR = at('../results');

/** A script of bench/src, built (`contenders/p-map-undici`, `autocannon-process`). */
export const benchScript = (name: string): string => at(`./${name}.js`);
