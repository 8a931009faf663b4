import { FanoutError } from '@fanout/core';

/** `--output-dir`: a directory on the way to a file is a symbolic link (or was swapped for one): nothing is written through it. */
export class OutsideDirError extends FanoutError {
  override readonly name = 'OutsideDirError' as const;
  readonly code = 'EOUTSIDEDIR' as const;

  constructor(
    readonly path: string,
    readonly dir: string,
  ) {
    super(`${path} is a symbolic link: a body is never written outside --output-dir ${dir}`);
  }
}
