// p-map + undici, the usual fast Node idiom, as a user would write it. The HTTP/2 scenario sets
// undici's Agent options (allowH2 and its pool settings) through BENCH_UNDICI_AGENT (JSON).
import pMap from 'p-map';
import { Agent, request, setGlobalDispatcher } from 'undici';
import { printCounts, scriptArgs } from './script-io.js';

const { urls, concurrency } = scriptArgs();
const agentOptions = process.env.BENCH_UNDICI_AGENT;
if (agentOptions) setGlobalDispatcher(new Agent(JSON.parse(agentOptions) as Agent.Options));
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
