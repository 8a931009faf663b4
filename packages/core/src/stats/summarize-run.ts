import type { OperatorFunction } from 'rxjs';
import { Observable } from 'rxjs/internal/Observable';
import type { FetchResult } from '../result.js';
import { SummaryBuilder, type Summary } from './summary.js';

/**
 * Operator: consumes a run's results and emits its `Summary` when it completes, wall time
 * measured from subscription to completion.
 *
 * @example
 * fanout(urls).pipe(summarizeRun()).subscribe((summary) => console.log(summary.throughput));
 */
export function summarizeRun(onResult?: (result: FetchResult) => void): OperatorFunction<FetchResult, Summary> {
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
