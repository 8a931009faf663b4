import type { ServerResponse } from 'node:http';
import { summarizeRun, type FetchResult, type Summary } from '@fanout/core';
import { map, type Observable } from 'rxjs';
import { epochNow, resultJson } from './result-json.js';

/**
 * Runs `results$` (the posts of `ids`) while the client stays: each result is serialised once (one that cannot be
 * becomes a failed result) and its JSON goes to `onResult`; the summary, of the results as
 * sent, is the outcome. If the client disconnects first, the run is unsubscribed (which aborts
 * its upstream requests and starts no new one) and the outcome is `undefined`.
 */
export function runWhileConnected(
  results$: Observable<FetchResult>,
  res: ServerResponse,
  ids: readonly number[],
  onResult: (json: string, result: FetchResult) => void,
): Promise<Summary | undefined> {
  return new Promise((resolve, reject) => {
    const place = { ids, origin: epochNow() };
    const sent$ = results$.pipe(
      map((result) => {
        onResult(resultJson(result, place), result);
        return result;
      }),
    );
    const subscription = sent$.pipe(summarizeRun()).subscribe({ next: resolve, error: reject });
    res.once('close', () => {
      if (!subscription.closed) {
        subscription.unsubscribe();
        resolve(undefined);
      }
    });
  });
}
