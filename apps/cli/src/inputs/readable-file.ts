import { accessSync, constants, statSync } from 'node:fs';
import { UsageError } from '../errors/usage-error.js';

/** The largest `-H @FILE` read (1 MiB): header files are small, and are read whole. */
export const MAX_HEADER_FILE_BYTES = 1024 * 1024;

/** The largest body `-d`/`--json` read from `@FILE` or `@-` (64 MiB): a body is held whole in memory and sent with every request. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Throws a `UsageError` naming `flag` unless `file` is a readable regular file (of at most `maxBytes`, when given). */
export function checkReadable(file: string, flag: string, maxBytes = Infinity): void {
  let size: number;
  try {
    accessSync(file, constants.R_OK);
    const stats = statSync(file);
    if (!stats.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
    size = stats.size;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot read ${flag} ${file} (${reason})`, 'Give the path of a readable file.');
  }
  if (size > maxBytes) throw new UsageError(`cannot read ${flag} ${file} (${size} bytes, over the ${maxBytes} it may have)`, 'Give a smaller file.');
}
