import type { OperatorFunction } from 'rxjs';
import { Observable } from 'rxjs/internal/Observable';

/**
 * Re-emits items with an `index` in index order (0, 1, 2, ...), holding back early arrivals.
 * The buffer holds only what arrived ahead of the oldest missing index, so it stays within the
 * concurrency window of the run that feeds it.
 *
 * @example
 * results$.pipe(inInputOrder()) // index 0 first, whatever finished first
 */
export function inInputOrder<T extends { readonly index: number }>(): OperatorFunction<T, T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      const early = new Map<number, T>();
      let next = 0;
      return source.subscribe({
        next(item) {
          if (item.index !== next) {
            early.set(item.index, item);
            return;
          }
          subscriber.next(item);
          next++;
          for (let held = early.get(next); held !== undefined; held = early.get(next)) {
            early.delete(next);
            subscriber.next(held);
            next++;
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}
