/** Bad command-line input: shown as one line and a hint, exit code 2, never a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError' as const;

  constructor(
    message: string,
    readonly hint = "Run 'fanout --help' for usage and examples.",
  ) {
    super(message);
  }
}
