import { FanoutError } from '@fanout/core';

/** A `--file` line that is no request (a bad JSON spec): it fails alone, the run goes on. */
export class InputLineError extends FanoutError {
  override readonly name = 'InputLineError' as const;
  readonly code = 'EBADINPUT' as const;

  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line} of ${file === '-' ? 'stdin' : file}: ${reason}`);
  }
}
