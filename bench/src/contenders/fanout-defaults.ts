// @fanout/core with its defaults: typed results, retries, timeouts, timing per result.
import { fanout } from '@fanout/core';
import { printCounts, scriptArgs } from './script-io.js';

const { urls, concurrency } = scriptArgs();
let ok = 0;
await fanout(urls, { concurrency }).forEach((result) => {
  if (result.ok) ok++;
});
printCounts(ok, urls.length);
