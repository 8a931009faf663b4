import type { ServerResponse } from 'node:http';
import { summarizeRun, type FetchResult, type Summary } from '@fanout/core';
import { map, type Observable } from 'rxjs';
import { resultJson } from './result-json.js';

/**
 * Runs `results$` while the client stays: each result is serialised once (one that cannot be
 * becomes a failed result) and its JSON goes to `onResult`; the summary, of the results as
 * sent, is the outcome. If the client disconnects first, the run is unsubscribed (which aborts
 * its upstream requests and starts no new one) and the outcome is `undefined`.
 */
export function runWhileConnected(
  results$: Observable<FetchResult>,
  res: ServerResponse,
  onResult: (json: string, result: FetchResult) => void,
): Promise<Summary | undefined> {
  return new Promise((resolve, reject) => {
    const sent$ = results$.pipe(
      map((raw) => {
        const { result, json } = resultJson(raw);
        onResult(json, result);
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
