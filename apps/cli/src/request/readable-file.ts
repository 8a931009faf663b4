import { accessSync, constants, statSync } from 'node:fs';
import { UsageError } from '../usage-error.js';

/** Throws a `UsageError` naming `flag` unless `file` is a readable regular file. */
export function checkReadable(file: string, flag: string): void {
  try {
    accessSync(file, constants.R_OK);
    if (!statSync(file).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot read ${flag} ${file} (${reason})`, 'Give the path of a readable file.');
  }
}
