import type { Subscription } from 'rxjs';
import { isObservable } from 'rxjs/internal/util/isObservable';
import { fanout } from './fanout.js';
import type { Inputs } from '../operators/demand-source.js';
import { resolveOptions, type FanoutOptions } from '../contract/options.js';
import type { PickFields } from '../contract/pick-fields-type.js';
import type { RequestInput } from '../contract/request.js';
import type { FetchResult } from '../contract/result.js';
import { paced } from '../utils/paced.js';

/**
 * `fanout` as an async iterable, for `for await` (as p-map's `pMapIterable`): the same engine,
 * options and results, one `FetchResult` per input, in completion order (input order with
 * `ordered`).
 *
 * - **Backpressure.** Results wait for the loop in a buffer of at most `concurrency`; while it
 *   is full, no further input is taken, so a slow loop body slows the fetching (an Observable
 *   input pushes at its own pace and is not held back).
 * - **Cancellation.** Leaving the loop (`break`, `return`, a `throw` in its body) aborts the
 *   requests in flight and takes no more inputs.
 * - Invalid options throw a `RangeError` at the call, as `fanout` does. Each call to
 *   `[Symbol.asyncIterator]()` on the result is the same single run: iterate it once.
 *
 * @example
 * for await (const result of fanoutIterable<{ title: string }>(urls, { concurrency: 8 })) {
 *   if (result.ok) await save(result.data.title); // the next requests wait while this runs
 *   else console.error(result.url, result.error.code);
 * }
 */
export function fanoutIterable<T = unknown, F extends string = string, K = unknown>(
  input: Inputs<RequestInput<K>>,
  options?: FanoutOptions<F>,
): AsyncIterableIterator<FetchResult<PickFields<T, F>, K>> {
  const room = resolveOptions(options).concurrency;
  const buffer: FetchResult<PickFields<T, F>, K>[] = [];
  // `next()` calls waiting for a result, oldest first (a caller may call it again before the first settles).
  const readers: { resolve: (step: IteratorResult<FetchResult<PickFields<T, F>, K>>) => void; reject: (error: Error) => void }[] = [];
  let failure: { error: unknown } | undefined;
  let finished = false;
  let freed: (() => void) | undefined;
  let subscription: Subscription | undefined;

  // An input is taken only while the buffer has room; the loop taking a result makes room.
  const hasRoom = (): Promise<void> | undefined => (buffer.length < room ? undefined : new Promise<void>((resolve) => (freed = resolve)));
  const results$ = fanout<T, F, K>(isObservable(input) ? input : paced(input, hasRoom), options);

  // Hands the waiting `next()` calls results, the run's error, or the end.
  const answerReaders = (): void => {
    while (readers.length > 0) {
      const step = nextStep();
      if (step === undefined) return;
      const read = readers.shift();
      if (step instanceof Error) read?.reject(step);
      else read?.resolve(step);
    }
  };
  const nextStep = (): IteratorResult<FetchResult<PickFields<T, F>, K>> | Error | undefined => {
    if (buffer.length > 0) return { done: false, value: takeFirst() };
    if (failure) {
      const { error } = failure;
      failure = undefined;
      finished = true;
      return error instanceof Error ? error : new Error(String(error));
    }
    return finished ? { done: true, value: undefined } : undefined;
  };
  const takeFirst = (): FetchResult<PickFields<T, F>, K> => {
    const value = buffer.shift() as FetchResult<PickFields<T, F>, K>;
    const wake = freed;
    freed = undefined;
    wake?.();
    return value;
  };
  const stop = (): void => {
    finished = true;
    subscription?.unsubscribe();
    buffer.length = 0;
    freed?.();
    freed = undefined;
  };

  const iterator: AsyncIterableIterator<FetchResult<PickFields<T, F>, K>> = {
    next() {
      subscription ??= results$.subscribe({
        next(result) {
          buffer.push(result);
          answerReaders();
        },
        error(error: unknown) {
          failure = { error };
          answerReaders();
        },
        complete() {
          finished = true;
          answerReaders();
        },
      });
      const step = readers.length === 0 ? nextStep() : undefined;
      if (step instanceof Error) return Promise.reject(step);
      if (step !== undefined) return Promise.resolve(step);
      return new Promise((resolve, reject) => readers.push({ resolve, reject }));
    },
    return() {
      stop();
      for (const read of readers.splice(0)) read.resolve({ done: true, value: undefined });
      return Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
