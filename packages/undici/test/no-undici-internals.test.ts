import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packages = fileURLToPath(new URL('../../', import.meta.url));

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe("undici's internal files", () => {
  it('are required by no source of core or of the transport packages: only undici\'s root is imported', () => {
    const files = ['core', 'undici', 'axios'].flatMap((name) => sources(join(packages, name, 'src')));
    expect(files.length).toBeGreaterThan(50);
    const reaching = files.filter((file) => /['"`]undici\//.test(readFileSync(file, 'utf8')));
    expect(reaching.map((file) => file.slice(packages.length))).toEqual([]);
  });
});
