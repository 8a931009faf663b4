// rxjs's own modules rather than its root, which loads all of rxjs (~80 ms at start-up); and
// `new Observable` rather than `defer`, whose `innerFrom` (any input to an Observable) brings 9
// more modules (~8 ms).
import { Observable } from 'rxjs/internal/Observable';
import { finalize } from 'rxjs/internal/operators/finalize';
import { tap } from 'rxjs/internal/operators/tap';
import { identity } from 'rxjs/internal/util/identity';
import { AbortError } from '../errors/abort-error.js';
import { fetchOne } from './fetch-one.js';
import { demandSource, type Inputs } from '../operators/demand-source.js';
import { inInputOrder } from '../operators/in-input-order.js';
import { mergeRequests } from '../operators/merge-requests.js';
import { resolveOptions, type FanoutOptions } from '../contract/options.js';
import type { RequestInput } from '../contract/request.js';
import type { PickFields } from '../contract/pick-fields-type.js';
import type { FetchResult } from '../contract/result.js';
import { createRunContext } from './run-context.js';

/**
 * Runs many requests concurrently: `mergeMap(fetchOne, concurrency)` (as `mergeRequests`, which
 * makes no Observable per request) over inputs pulled lazily, one more each time a result is
 * emitted, so at most `concurrency` (+1) inputs are in memory.
 * Emits exactly one `FetchResult` per input, in completion order (or input order with
 * `ordered`), and completes; it never errors for a failed request. Unsubscribing aborts every
 * request in flight. Invalid options throw a `RangeError` at once.
 *
 * @example
 * import { fanout } from '@fanout/core';
 *
 * fanout(['https://example.org/a', 'https://example.org/b'], { concurrency: 8 })
 *   .subscribe((result) => console.log(result.ok ? result.data : result.error.code));
 *
 * @example
 * // Literal `fields` narrow `data`: here to `{ title: string }`.
 * fanout<{ id: number; title: string }, 'title'>(urls, { fields: ['title'] });
 *
 * @example
 * // A spec's `key` comes back on its result (typed `K`, here `{ row: number }`), never serialized.
 * fanout(rows.map((row, at) => ({ url: row.url, key: { row: at + 1 } })))
 *   .subscribe((result) => console.log(result.key?.row, result.ok));
 */
export function fanout<T = unknown, F extends string = string, K = unknown>(
  input: Inputs<RequestInput<K>>,
  options?: FanoutOptions<F>,
): Observable<FetchResult<PickFields<T, F>, K>> {
  const resolved = resolveOptions(options);
  // Per subscription, as `defer` would: each subscriber runs the requests anew.
  return new Observable<FetchResult<PickFields<T, F>, K>>((subscriber) => {
    const ctx = createRunContext(resolved);
    const source = demandSource(input, resolved.concurrency);
    // A pulled input is taken only when a slot is free; a pushed one (an Observable) may wait in
    // the operator's buffer, and that wait is queue time (from its arrival).
    return source.items.pipe(
      mergeRequests(
        (request: RequestInput<K>, index, arrivedAt, startedAt) => fetchOne<PickFields<T, F>, K>(request, index, ctx, arrivedAt, startedAt),
        resolved.concurrency,
        () => ctx.abortAll(new AbortError('Unsubscribed before the request finished')),
      ),
      resolved.ordered ? inInputOrder() : identity,
      tap(() => source.request(1)),
      finalize(() => ctx.dispose()),
    ).subscribe(subscriber);
  });
}

/**
 * Runs the requests one at a time, in input order: `fanout` with `concurrency: 1`, just as
 * RxJS's `concatMap` is `mergeMap(project, 1)`.
 *
 * @example
 * sequential(urls).subscribe((result) => console.log(result.index, result.ok));
 */
export function sequential<T = unknown, F extends string = string, K = unknown>(
  input: Inputs<RequestInput<K>>,
  options?: Omit<FanoutOptions<F>, 'concurrency'>,
): Observable<FetchResult<PickFields<T, F>, K>> {
  return fanout<T, F, K>(input, { ...options, concurrency: 1 });
}
