import type { RequestInput } from '@fanout/core';

/** One input as the command line gives it: a request, and for `--file` lines the line number. */
export interface InputItem {
  readonly input: RequestInput;
  /** 1-based line of `--file`. */
  readonly line?: number;
  /** Why the line is not a request (it fails without being sent). No secrets: never the line's text. */
  readonly problem?: string;
}
