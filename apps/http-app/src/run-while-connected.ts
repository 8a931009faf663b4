import type { ServerResponse } from 'node:http';
import { summarizeRun, type FetchResult, type Summary } from '@fanout/core';
import type { Observable } from 'rxjs';

/**
 * Runs `results$` while the client stays: each result goes to `onResult`, and the summary is
 * the outcome. If the client disconnects first, the run is unsubscribed (which aborts its
 * upstream requests and starts no new one) and the outcome is `undefined`.
 */
export function runWhileConnected(results$: Observable<FetchResult>, res: ServerResponse, onResult: (result: FetchResult) => void): Promise<Summary | undefined> {
  return new Promise((resolve, reject) => {
    const subscription = results$.pipe(summarizeRun(onResult)).subscribe({
      next: resolve,
      error: reject,
    });
    res.once('close', () => {
      if (!subscription.closed) {
        subscription.unsubscribe();
        resolve(undefined);
      }
    });
  });
}
