import type { Observable as RxObservable } from 'rxjs';
// rxjs's own modules, not its root: the root loads all of rxjs (see engine/fanout.ts).
import { Observable } from 'rxjs/internal/Observable';
import { isObservable } from 'rxjs/internal/util/isObservable';

/** Input items: anything iterable, async-iterable, or an Observable. */
export type Inputs<T> = Iterable<T> | AsyncIterable<T> | RxObservable<T>;

/** A source that emits only as many items as were requested. */
export interface DemandSource<T> {
  readonly items: RxObservable<T>;
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
    const isAsync = Symbol.asyncIterator in input;
    const iterator: Iterator<T> | AsyncIterator<T> = isAsync ? (input as AsyncIterable<T>)[Symbol.asyncIterator]() : (input as Iterable<T>)[Symbol.iterator]();
    let pumping = false;
    let finished = false;
    const take = (step: IteratorResult<T>): boolean => {
      if (finished) return false;
      if (step.done) {
        finished = true;
        subscriber.complete();
        return false;
      }
      wanted--;
      subscriber.next(step.value);
      return true;
    };
    const fail = (error: unknown) => {
      finished = true;
      subscriber.error(error);
    };
    // A sync iterator is drained in a plain loop (no promise per pull); an async one awaits each step.
    const drainAsync = async () => {
      try {
        while (wanted > 0 && !finished) {
          const next = iterator.next();
          if (!take(next instanceof Promise ? await next : next)) break;
        }
      } catch (error) {
        fail(error);
      } finally {
        pumping = false;
      }
    };
    const drain = () => {
      if (isAsync) {
        void drainAsync();
        return;
      }
      try {
        while (wanted > 0 && !finished) if (!take((iterator as Iterator<T>).next())) break;
      } catch (error) {
        fail(error);
      }
      pumping = false;
    };
    pump = () => {
      if (pumping || finished) return;
      pumping = true;
      drain();
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
