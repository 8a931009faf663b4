import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { childEnv } from './child-env.js';

const run = promisify(execFile);
const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));

// A resolve hook in a child process that fails any import of axios: @fanout/core must load
// without it (axios, form-data and mime-db load only when an axios transport is made).
const hook = `export async function resolve(specifier, context, next) {
  if (specifier === 'axios' || specifier.startsWith('axios/')) throw new Error('axios was imported');
  return next(specifier, context);
}`;
const script = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
const core = await import(${JSON.stringify(entry)});
core.createTransport('undici');
console.log(typeof core.fanout, typeof core.axiosTransport);
`;

describe('importing @fanout/core', () => {
  it('does not load axios until an axios transport is made', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: childEnv() });
    expect(stdout.trim()).toBe('function function');
  }, 30_000);
});
