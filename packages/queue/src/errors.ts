/** The queue URL is not a usable Redis URL, or the job name is not allowed. */
export class QueueUrlError extends Error {
  override readonly name = 'QueueUrlError' as const;
  readonly code = 'EQUEUEURL' as const;
}

/** Redis cannot be reached at the queue URL. */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError' as const;
  readonly code = 'EQUEUEDOWN' as const;
}

/** The job name is already in use (enqueue) or unknown (status, results). */
export class JobStateError extends Error {
  override readonly name = 'JobStateError' as const;
  readonly code = 'EJOBSTATE' as const;
}
