import { Observable } from 'rxjs';
import { AbortError } from '../errors/abort-error.js';
import { Cancellation } from './cancellation.js';

/** Ties a cancellation to something that may abort it; returns the untie function. */
export type AbortTracker = (cancellation: Cancellation) => () => void;

/**
 * Wraps an abortable async task as a cold Observable of its one value. The task gets its own
 * `Cancellation`: aborted by `track`'s owner (the run's deadline or signal, with that reason),
 * by the task itself (a timeout), or with an `AbortError` when the subscriber unsubscribes
 * first: unsubscribing cancels the work, it does not just ignore it.
 */
export function fromAbortable<T>(task: (cancellation: Cancellation) => Promise<T>, track: AbortTracker): Observable<T> {
  return new Observable<T>((subscriber) => {
    const cancellation = new Cancellation();
    const untrack = track(cancellation);
    let settled = false;
    task(cancellation).then(
      (value) => {
        settled = true;
        untrack();
        subscriber.next(value);
        subscriber.complete();
      },
      (error: unknown) => {
        settled = true;
        untrack();
        subscriber.error(error);
      },
    );
    return () => {
      if (settled) return;
      untrack();
      cancellation.abort(new AbortError('Unsubscribed before the request finished'));
    };
  });
}
