// p-map + undici over HTTP/2: undici's Agent with allowH2 (the pool settings in BENCH_UNDICI_POOL, JSON).
import pMap from 'p-map';
import { Agent, request, setGlobalDispatcher } from 'undici';
import { printCounts, scriptArgs } from './script-io.js';

const { urls, concurrency } = scriptArgs();
setGlobalDispatcher(new Agent({ allowH2: true, ...(JSON.parse(process.env.BENCH_UNDICI_POOL ?? '{}') as object) }));
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
