import { FanoutError } from './fanout-error.js';

/** An input line longer than the line cap: it is counted and skipped over, never held in memory. */
export class LineTooLongError extends FanoutError {
  override readonly name = 'LineTooLongError' as const;
  readonly code = 'EBADINPUT' as const;

  constructor(
    /** Its 1-based line number. */
    readonly line: number,
    /** Its length in bytes (without the line end). */
    readonly bytes: number,
    readonly limitBytes: number,
  ) {
    super(`line ${line} has ${bytes} bytes, over the ${limitBytes} bytes a line may have`);
  }
}
