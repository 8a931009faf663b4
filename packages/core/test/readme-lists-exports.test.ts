import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as core from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const source = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

/** The names an `export { … }` / `export type { … }` list of `text` gives (`type X` and `X as Y` read as X / Y). */
function exportedNames(text: string): string[] {
  return [...text.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((match) =>
    (match[1] ?? '')
      .split(',')
      .map((part) => part.trim().replace(/^type /, '').split(/\s+as\s+/).at(-1) ?? '')
      .filter(Boolean),
  );
}

describe('packages/core/README.md (the npm page)', () => {
  it('names every export of the package, values and types', () => {
    const names = new Set([...Object.keys(core), ...exportedNames(source('../src/index.ts')), ...exportedNames(source('../src/errors/index.ts'))]);
    expect(names.size).toBeGreaterThan(40);
    const missing = [...names].filter((name) => !readme.includes(`\`${name}`));
    expect(missing).toEqual([]);
  });

  it('says what the package depends on, each of its dependencies by name', () => {
    const { dependencies } = JSON.parse(source('../package.json')) as { dependencies: Record<string, string> };
    const section = readme.slice(readme.indexOf('## What it depends on'));
    expect(section.length).toBeLessThan(readme.length);
    for (const name of Object.keys(dependencies)) expect(section).toContain(`\`${name}\``);
  });
});
