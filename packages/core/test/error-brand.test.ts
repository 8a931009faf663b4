import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FanoutError, HttpError, isFanoutError, TimeoutError } from '../src/index.js';

// A second copy of the built package (dist/index.js, one bundle), loaded from another directory:
// what two versions of @fanout/core in one node_modules tree look like to each other.
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const workspaceModules = fileURLToPath(new URL('../../../node_modules/', import.meta.url));
let copy: string;
let Other: { HttpError: new (status: number) => Error; TimeoutError: new (ms: number) => Error };
beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'fanout-copy-'));
  await cp(dist, join(copy, 'dist'), { recursive: true, filter: (from) => !from.endsWith('.d.ts') });
  await symlink(workspaceModules, join(copy, 'node_modules'), 'dir');
  Other = (await import(pathToFileURL(join(copy, 'dist', 'index.js')).href)) as typeof Other;
});
afterAll(() => rm(copy, { recursive: true, force: true }));

describe('error brand: instanceof and isFanoutError across two copies of the package', () => {
  it('recognises the other copy\'s errors by brand and name, and nothing else', () => {
    const foreign = new Other.HttpError(404);
    expect(foreign).not.toBe(HttpError);
    expect(isFanoutError(foreign)).toBe(true);
    expect(foreign instanceof HttpError).toBe(true);
    expect(foreign instanceof FanoutError).toBe(true);
    expect(foreign instanceof TimeoutError).toBe(false);
    expect(new Other.TimeoutError(5) instanceof TimeoutError).toBe(true);
  });

  it('does not take look-alikes for fanout errors', () => {
    const lookAlike = Object.assign(new Error('x'), { name: 'HttpError', code: 'EHTTP', status: 404 });
    expect(isFanoutError(lookAlike)).toBe(false);
    expect(lookAlike instanceof HttpError).toBe(false);
    expect(isFanoutError(null)).toBe(false);
    expect(isFanoutError('EHTTP')).toBe(false);
    expect(new HttpError(500) instanceof TimeoutError).toBe(false);
    expect(isFanoutError(new TimeoutError(1))).toBe(true);
  });
});
