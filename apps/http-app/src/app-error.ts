/** A request the app refuses: answered as `{ error: { code, message } }` with a 4xx status. */
export class AppError extends Error {
  override readonly name = 'AppError' as const;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
