import { Observable } from 'rxjs';
import { AbortError } from '../errors/abort-error.js';

/**
 * Wraps an abortable async task as a cold Observable of its one value. The task's signal
 * aborts when `parent` aborts (with the parent's reason) or when the subscriber unsubscribes
 * first (with an `AbortError`): unsubscribing cancels the work, it does not just ignore it.
 */
export function fromAbortable<T>(task: (signal: AbortSignal) => Promise<T>, parent?: AbortSignal): Observable<T> {
  return new Observable<T>((subscriber) => {
    const controller = new AbortController();
    const onParentAbort = () => controller.abort(parent?.reason);
    if (parent?.aborted) onParentAbort();
    else parent?.addEventListener('abort', onParentAbort, { once: true });
    let settled = false;
    task(controller.signal).then(
      (value) => {
        settled = true;
        subscriber.next(value);
        subscriber.complete();
      },
      (error: unknown) => {
        settled = true;
        subscriber.error(error);
      },
    );
    return () => {
      parent?.removeEventListener('abort', onParentAbort);
      if (!settled) controller.abort(new AbortError('Unsubscribed before the request finished'));
    };
  });
}
