import { lastValueFrom, toArray, type Observable } from 'rxjs';
import { createTransport, type FetchResult } from '../src/index.js';

/** Collects every result of a run. */
export function collect<T>(results$: Observable<FetchResult<T>>): Promise<FetchResult<T>[]> {
  return lastValueFrom(results$.pipe(toArray()));
}

/** Results sorted by input index. */
export function byIndex<T>(results: FetchResult<T>[]): FetchResult<T>[] {
  return [...results].sort((a, b) => a.index - b.index);
}

/** Counts requests in flight at a nock interceptor: wrap the reply body in `track`. */
export function inFlightCounter(holdMs: number) {
  let current = 0;
  let max = 0;
  const arrivals: string[] = [];
  return {
    get max() {
      return max;
    },
    arrivals,
    async track(path: string, body: unknown): Promise<[number, string, Record<string, string>]> {
      arrivals.push(path);
      current++;
      max = Math.max(max, current);
      await new Promise((resolve) => setTimeout(resolve, holdMs));
      current--;
      return [200, JSON.stringify(body), { 'content-type': 'application/json' }];
    },
  };
}

export const API = 'http://api.test';

/** nock intercepts node:http, which the default transport (http1, on node:net) and undici bypass: nock tests send through axios. */
export const viaNock = { transport: createTransport('axios') } as const;
