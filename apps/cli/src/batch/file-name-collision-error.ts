import { FanoutError } from '@fanout/core';

/**
 * `--output-dir`: `--name` gives this input the file of an earlier input (in input order), so it
 * fails without being fetched rather than overwrite that file.
 */
export class FileNameCollisionError extends FanoutError {
  override readonly name = 'FileNameCollisionError' as const;
  readonly code = 'ENAMECOLLISION' as const;

  constructor(
    readonly index: number,
    readonly file: string,
    /** The input whose file it is. */
    readonly owner: number,
  ) {
    super(`--name gives input ${index} the file ${file}, which is input ${owner}'s: add {index} to --name (e.g. {index}-{basename})`);
  }
}
