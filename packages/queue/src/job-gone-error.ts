/** The job is no longer on the queue while a process works on it: Redis lost its data (a restart without persistence) or the job expired. */
export class JobGoneError extends Error {
  override readonly name = 'JobGoneError' as const;
  readonly code = 'EJOBGONE' as const;
}
