import { redactUrl } from '@fanout/core';

/** The queue URL is not a usable Redis URL, or the job name is not allowed (its password never shown). */
export class QueueUrlError extends Error {
  override readonly name = 'QueueUrlError' as const;
  readonly code = 'EQUEUEURL' as const;

  constructor(message: string) {
    super(redactUrl(message));
  }
}

/** Redis cannot be reached at the queue URL (its password never shown). */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError' as const;
  readonly code = 'EQUEUEDOWN' as const;

  constructor(message: string) {
    super(redactUrl(message));
  }
}

/** The job name is already in use (enqueue) or unknown (status, results). */
export class JobStateError extends Error {
  override readonly name = 'JobStateError' as const;
  readonly code = 'EJOBSTATE' as const;
}
