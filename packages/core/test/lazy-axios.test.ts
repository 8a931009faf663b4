import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { childEnv } from './child-env.js';

const run = promisify(execFile);
const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));

// A resolve hook in a child process that fails any import of axios, undici or their fanout
// packages: @fanout/core must load, and make the `undici` and `axios` transports by name, without
// them (each package is imported when its transport sends its first request).
const hook = `export async function resolve(specifier, context, next) {
  if (/^(@fanout\\/)?(axios|undici)(\\/|$)/.test(specifier)) throw new Error(specifier + ' was imported');
  return next(specifier, context);
}`;
const script = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
const core = await import(${JSON.stringify(entry)});
const made = [core.createTransport('undici'), core.createTransport('axios')];
await Promise.all(made.map((transport) => transport.close()));
console.log(typeof core.fanout, made.map((transport) => transport.name).join(' '));
`;

describe('importing @fanout/core', () => {
  it('does not load axios or undici, nor their packages, until their transport sends', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: childEnv() });
    expect(stdout.trim()).toBe('function undici axios');
  }, 30_000);
});
