import type { OperatorFunction } from 'rxjs';
import { Observable } from 'rxjs/internal/Observable';

/**
 * Starts the work of one input: gives its one result at once, or a promise of it that never
 * rejects. `arrivedAt` is when the input reached the operator, `startedAt` when it got a slot
 * (both `performance.now()`; equal unless the input waited in the buffer).
 */
export type StartOne<I, R> = (input: I, index: number, arrivedAt: number, startedAt: number) => R | Promise<R>;

/**
 * `mergeMap(project, concurrency)` for work that gives exactly one value: at most `concurrency`
 * inputs in progress, inputs beyond that buffered in arrival order, results in completion order,
 * completion once the source completed and nothing is in progress. It makes no Observable per
 * input (a hot path runs thousands a second). A source error, or `start` throwing (or its
 * promise rejecting), errors the output; unsubscribing (or erroring) with work in progress calls `abortInProgress`, and results
 * that arrive after that are dropped.
 *
 * @example
 * urls$.pipe(mergeRequests((url) => fetchText(url), 8, () => controller.abort()))
 */
export function mergeRequests<I, R>(start: StartOne<I, R>, concurrency: number, abortInProgress: () => void): OperatorFunction<I, R> {
  return (source) =>
    new Observable<R>((subscriber) => {
      const waiting: I[] = [];
      const arrivals: number[] = [];
      let head = 0;
      let index = 0;
      let active = 0;
      let sourceDone = false;
      let draining = false;

      // The slot is freed only after the result is passed on: an input pulled (or a completion)
      // while the result travels downstream must wait for it, as with mergeMap.
      const finish = (result: R) => {
        if (subscriber.closed) {
          active--;
          return;
        }
        subscriber.next(result);
        active--;
        drain();
      };
      // A promise that rejects breaks `start`'s contract: the output errors, as mergeMap's would.
      const fail = (error: unknown) => {
        active--;
        subscriber.error(error);
      };
      const run = (input: I, arrivedAt: number, startedAt: number) => {
        active++;
        let outcome: R | Promise<R>;
        try {
          outcome = start(input, index++, arrivedAt, startedAt);
        } catch (error) {
          active--;
          subscriber.error(error);
          return;
        }
        if (outcome instanceof Promise) outcome.then(finish, fail);
        else finish(outcome);
      };
      // A loop, not recursion: results given at once must not nest one `run` per buffered input.
      const drain = () => {
        if (draining) return;
        draining = true;
        while (head < waiting.length && active < concurrency && !subscriber.closed) {
          const input = waiting[head] as I;
          const arrivedAt = arrivals[head] as number;
          head++;
          run(input, arrivedAt, performance.now());
        }
        if (head > 0 && (head === waiting.length || (head >= 1024 && head * 2 >= waiting.length))) {
          waiting.splice(0, head);
          arrivals.splice(0, head);
          head = 0;
        }
        draining = false;
        if (sourceDone && active === 0 && head === waiting.length && !subscriber.closed) subscriber.complete();
      };

      const subscription = source.subscribe({
        next(input) {
          const now = performance.now();
          if (active < concurrency && head === waiting.length && !draining) run(input, now, now);
          else {
            waiting.push(input);
            arrivals.push(now);
            drain();
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete() {
          sourceDone = true;
          drain();
        },
      });
      return () => {
        subscription.unsubscribe();
        if (active > 0) abortInProgress();
      };
    });
}
