import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packages = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The undici modules imported by path, and the index's value each must be. */
const PARTS = {
  'undici/lib/dispatcher/agent.js': (undici: typeof import('undici')) => undici.Agent,
  'undici/lib/core/connect.js': (undici: typeof import('undici')) => undici.buildConnector,
  'undici/lib/interceptor/redirect.js': (undici: typeof import('undici')) => undici.interceptors.redirect,
};

describe("undici's internal files", () => {
  it('are imported only by undici-parts.ts (and typed by undici-lib.d.ts): core and axios import no undici file', () => {
    const files = ['core', 'undici', 'axios'].flatMap((name) => sources(join(packages, name, 'src')));
    expect(files.length).toBeGreaterThan(50);
    const reaching = files.filter((file) => /['"`]undici\//.test(readFileSync(file, 'utf8')));
    expect(reaching.map((file) => file.slice(packages.length)).sort()).toEqual(['undici/src/undici-lib.d.ts', 'undici/src/undici-parts.ts']);
    const imported = [...readFileSync(join(packages, 'undici/src/undici-parts.ts'), 'utf8').matchAll(/from '(undici\/[^']+)'/g)].map((match) => match[1]);
    expect(imported.sort()).toEqual(Object.keys(PARTS).sort());
  });

  it("each module imported by path is the very value undici's index exports (an undici that moved one fails here)", () => {
    const undici = require('undici') as typeof import('undici');
    for (const [path, fromIndex] of Object.entries(PARTS)) expect(require(path), path).toBe(fromIndex(undici));
  });
});
