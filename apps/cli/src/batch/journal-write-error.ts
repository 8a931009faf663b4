/** A journal that could not be written: what the run reports (exit 74) instead of printing more. */
export class JournalWriteError extends Error {
  override readonly name = 'JournalWriteError' as const;

  constructor(
    readonly path: string,
    readonly code: string,
  ) {
    super(`cannot write the journal ${path} (${code})`);
  }
}
