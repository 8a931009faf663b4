import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN } from './run-cli.js';
import { tmpFile } from './tmp-files.js';
import { useEchoServer } from './echo-server.js';
import { childEnv } from './child-env.js';

const echo = useEchoServer();

const DIST = new URL('../dist/', import.meta.url).href;
/** The bundle's files, each with the sources bundled into it (written by scripts/bundle.mjs). */
const bundled = JSON.parse(readFileSync(new URL('meta.json', DIST), 'utf8')) as Record<string, string[]>;

/** A loaded bundle file stands for the sources in it; anything else for itself. */
const sources = (urls: string[]): string[] => urls.flatMap((url) => (url.startsWith(DIST) ? (bundled[url.slice(DIST.length)] ?? [url]) : [url]));

/** The sources a run of the CLI loads (module URLs seen by a resolve hook, bundle files opened up). */
async function loadedModules(args: readonly string[]): Promise<string[]> {
  return sources(await resolvedUrls(args));
}

/** The module URLs a run of the CLI resolves (through a module resolve hook). */
function resolvedUrls(args: readonly string[]): Promise<string[]> {
  const hooks = tmpFile('hooks.mjs', "export async function resolve(s, c, next) { const r = await next(s, c); process._rawDebug('LOADED ' + r.url); return r; }\n");
  const register = hooks.replace(/hooks\.mjs$/, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  const child = spawn(process.execPath, ['--import', pathToFileURL(register).href, BIN, ...args], { env: childEnv({ NO_COLOR: '1' }) });
  let stderr = '';
  child.stdout.resume();
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', () => resolve(stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice(7)))));
}

const matching = (modules: string[], pattern: RegExp) => modules.filter((url) => pattern.test(url));

describe('start-up loads only what the command uses', () => {
  it('--version and --help load no HTTP client, no Redis driver, no demo server, no core', async () => {
    for (const args of [['--version'], ['--help'], ['enqueue', '--help']]) {
      const modules = await loadedModules(args);
      expect(matching(modules, /commander/).length).toBeGreaterThan(0);
      expect(matching(modules, /@fanout|packages\/(core|queue|demo-upstream)|axios|undici|rxjs|bullmq|ioredis|picocolors/)).toEqual([]);
    }
  });

  it("--version and --help load none of --journal's or --output-dir's code (node:crypto, node:os)", async () => {
    for (const args of [['--version'], ['--help']]) {
      const modules = await loadedModules(args);
      expect(matching(modules, /src\/batch\/(stale-temps|process-alive|journal|output-dir|inside-dir)|^node:(crypto|os)$/)).toEqual([]);
    }
  });

  it('a run of URLs loads no queue, Redis driver or demo upstream', async () => {
    const modules = await loadedModules([`${echo.server.url}/x`, '-o', 'ndjson']);
    expect(matching(modules, /packages\/core\//).length).toBeGreaterThan(0);
    expect(matching(modules, /packages\/(queue|demo-upstream)|bullmq|ioredis/)).toEqual([]);
    expect(matching(modules, /packages\/(undici|axios)\/|node_modules\/(undici|axios)\//)).toEqual([]);
  });

  it("a run of URLs without --journal or --output-dir loads none of their code (node:crypto, node:os)", async () => {
    const modules = await loadedModules([`${echo.server.url}/x`, '-o', 'ndjson']);
    expect(matching(modules, /src\/batch\/(journal|journal-lock|input-fingerprint|output-dir|stale-temps|process-alive)\.ts|^node:(crypto|os)$/)).toEqual([]);
  });

  it('--transport undici loads @fanout/undici and undici (a chunk of the bundle), not axios', async () => {
    const modules = await loadedModules([`${echo.server.url}/x`, '-o', 'ndjson', '--transport', 'undici']);
    expect(matching(modules, /packages\/undici\/dist\//).length).toBeGreaterThan(0);
    expect(matching(modules, /node_modules\/undici\//).length).toBeGreaterThan(0);
    expect(matching(modules, /packages\/axios\/|node_modules\/axios\//)).toEqual([]);
  });
});
