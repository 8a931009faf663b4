import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { childEnv } from './child-env.js';

const run = promisify(execFile);
const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));

// rxjs's package root requires every one of its ~400 modules (~80 ms at start-up); core imports
// the few it uses from rxjs/internal/…, the same module instances the root re-exports, so a
// user's `Observable` from 'rxjs' and core's are one class.
const script = `
import { createRequire } from 'node:module';
const core = await import(${JSON.stringify(entry)});
const require = createRequire(${JSON.stringify(entry)});
const rxjs = Object.keys(require.cache).filter((file) => file.includes('/node_modules/rxjs/'));
const results = [];
await core.fanout(['not a url']).forEach((result) => results.push(result.ok));
const rootLoadedByCore = rxjs.some((file) => file.endsWith('/rxjs/dist/cjs/index.js'));
const { Observable } = require('rxjs');
console.log(JSON.stringify({ rootLoadedByCore, modules: rxjs.length, results, sameClass: core.fanout([]) instanceof Observable }));
`;

describe('importing @fanout/core', () => {
  it("loads rxjs's own modules, not its package root, and its Observables are the root's class", async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: childEnv() });
    const seen = JSON.parse(stdout) as { rootLoadedByCore: boolean; modules: number; results: boolean[]; sameClass: boolean };
    expect(seen.rootLoadedByCore).toBe(false);
    expect(seen.modules).toBeGreaterThan(0);
    expect(seen.modules).toBeLessThan(100);
    expect(seen.results).toEqual([false]);
    expect(seen.sameClass).toBe(true);
  }, 30_000);
});
