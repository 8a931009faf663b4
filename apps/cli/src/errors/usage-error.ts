/**
 * Bad command-line input: shown as one line and a hint, exit code 2, never a stack trace. The
 * message may echo an argument (a URL, `-x`): `runCli` shows it with credentials hidden and
 * control characters escaped.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError' as const;
  readonly code = 'EUSAGE' as const;

  constructor(
    message: string,
    readonly hint = "Run 'fanout --help' for usage and examples.",
  ) {
    super(message);
  }
}

/** A failure while working (not the user's input): one line on stderr, exit code 1. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure' as const;
  readonly code = 'EFAILED' as const;

  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
