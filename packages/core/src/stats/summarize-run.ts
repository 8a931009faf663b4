import type { OperatorFunction } from 'rxjs';
import { Observable } from 'rxjs/internal/Observable';
import type { FetchResult } from '../contract/result.js';
import { SummaryBuilder, type Summary } from './summary.js';

/**
 * Operator: consumes a run's results and emits its `Summary` when it completes, wall time
 * measured from subscription to completion. `onResult` sees each result with the run's data
 * type (`T` is inferred from the source: `fanout<Post>(…).pipe(summarizeRun((r) => r.ok && r.data.title))`).
 *
 * @example
 * fanout(urls).pipe(summarizeRun()).subscribe((summary) => console.log(summary.throughput));
 */
export function summarizeRun<T = unknown>(onResult?: (result: FetchResult<T>) => void): OperatorFunction<FetchResult<T>, Summary> {
  return (source) =>
    new Observable<Summary>((subscriber) => {
      const builder = new SummaryBuilder();
      const started = performance.now();
      return source.subscribe({
        next(result) {
          builder.add(result);
          onResult?.(result);
        },
        error: (error: unknown) => subscriber.error(error),
        complete() {
          subscriber.next(builder.build(performance.now() - started));
          subscriber.complete();
        },
      });
    });
}
