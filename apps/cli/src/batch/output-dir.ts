import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { BodySink, BodyTarget } from '@fanout/core';
import { fileName } from './file-name.js';

/** Where input `index`'s body goes; throws if the name would leave `dir` (the template checks prevent it). */
export function targetPath(dir: string, template: string, index: number, url: string): string {
  const path = join(dir, fileName(template, index, url));
  const inside = relative(resolve(dir), resolve(path));
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw Object.assign(new Error(`file name ${JSON.stringify(path)} would leave the output directory ${dir}`), { code: 'EBADNAME' });
  }
  return path;
}

/** `--skip-existing`: whether input `index`'s file is there already. */
export function fileExists(dir: string, template: string, index: number, url: string): boolean {
  try {
    return existsSync(targetPath(dir, template, index, url));
  } catch {
    return false;
  }
}

/** Writes all of `chunk` (a short write continues where it stopped). */
async function writeAll(handle: Awaited<ReturnType<typeof open>>, chunk: Uint8Array): Promise<void> {
  for (let offset = 0; offset < chunk.length; ) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/**
 * `--output-dir DIR --name TEMPLATE`: each ok body streams to a hidden temporary file next to
 * its final name (`.NAME.PID-RANDOM.part`), hashed as it is written, fsync'd, then renamed: a file
 * under its final name is always whole. The record is `{ file, bytes, sha256 }`. A failed or
 * aborted attempt removes its temporary file.
 */
export function fileSink(dir: string, template: string): BodySink {
  return async ({ index, url }): Promise<BodyTarget> => {
    const file = targetPath(dir, template, index, url);
    await mkdir(dirname(file), { recursive: true });
    const temp = join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.part`);
    const handle = await open(temp, 'wx');
    const hash = createHash('sha256');
    let bytes = 0;
    let closed = false;
    const closeHandle = async () => {
      if (closed) return;
      closed = true;
      await handle.close();
    };
    return {
      async write(chunk) {
        hash.update(chunk);
        bytes += chunk.length;
        await writeAll(handle, chunk);
      },
      async close() {
        await handle.datasync();
        await closeHandle();
        await rename(temp, file);
        return { file, bytes, sha256: hash.digest('hex') };
      },
      async abort() {
        await closeHandle().catch(() => undefined);
        await rm(temp, { force: true });
      },
    };
  };
}
