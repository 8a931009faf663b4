// RxJS + axios by hand: mergeMap over axios.get, catchError per request (the seed's approach).
import axios from 'axios';
import { catchError, from, map, mergeMap, of } from 'rxjs';
import { printCounts, scriptArgs } from './script-io.js';

const { urls, concurrency } = scriptArgs();
let ok = 0;
await from(urls)
  .pipe(
    mergeMap(
      (url) =>
        from(axios.get<unknown>(url)).pipe(
          map(() => true),
          catchError(() => of(false)),
        ),
      concurrency,
    ),
  )
  .forEach((fine) => {
    if (fine) ok++;
  });
printCounts(ok, urls.length);
