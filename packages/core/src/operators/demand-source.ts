import { isObservable, Observable } from 'rxjs';

/** Input items: anything iterable, async-iterable, or an Observable. */
export type Inputs<T> = Iterable<T> | AsyncIterable<T> | Observable<T>;

/** A source that emits only as many items as were requested. */
export interface DemandSource<T> {
  readonly items: Observable<T>;
  /** Asks for `n` more items. */
  request(n: number): void;
}

/**
 * Turns an (async) iterable into a pull-based Observable: it emits `initial` items on
 * subscribe, then one more item per `request(1)`. RxJS has no backpressure, so this is what
 * keeps `mergeMap` from draining a million-line file into its buffer (rxjs#4610).
 *
 * An Observable input pushes at its own pace; it is passed through as is.
 */
export function demandSource<T>(input: Inputs<T>, initial: number): DemandSource<T> {
  if (isObservable(input)) return { items: input, request: () => undefined };
  let wanted = 0;
  let pump: () => void = () => undefined;
  const items = new Observable<T>((subscriber) => {
    const iterator: Iterator<T> | AsyncIterator<T> =
      Symbol.asyncIterator in input ? (input as AsyncIterable<T>)[Symbol.asyncIterator]() : (input as Iterable<T>)[Symbol.iterator]();
    let pumping = false;
    let finished = false;
    // One loop for both kinds: with a sync iterator it never awaits, so it runs synchronously.
    const drain = async () => {
      try {
        while (wanted > 0 && !finished) {
          const next = iterator.next();
          const step = next instanceof Promise ? await next : next;
          if (finished) break;
          if (step.done) {
            finished = true;
            subscriber.complete();
            break;
          }
          wanted--;
          subscriber.next(step.value);
        }
      } catch (error) {
        finished = true;
        subscriber.error(error);
      } finally {
        pumping = false;
      }
    };
    pump = () => {
      if (pumping || finished) return;
      pumping = true;
      void drain();
    };
    wanted += initial;
    pump();
    return () => {
      if (!finished) {
        finished = true;
        void iterator.return?.();
      }
    };
  });
  return {
    items,
    request(n: number) {
      wanted += n;
      pump();
    },
  };
}
