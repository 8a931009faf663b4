// p-map + undici, the usual fast Node idiom, as a user would write it.
import pMap from 'p-map';
import { request } from 'undici';
import { printCounts, scriptArgs } from './script-io.js';

const { urls, concurrency } = scriptArgs();
let ok = 0;
await pMap(
  urls,
  async (url) => {
    try {
      const { statusCode, body } = await request(url);
      await body.json();
      if (statusCode >= 200 && statusCode < 300) ok++;
    } catch {
      // a failed request: counted below
    }
  },
  { concurrency },
);
printCounts(ok, urls.length);
