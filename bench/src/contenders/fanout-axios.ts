// @fanout/core with axiosTransport() chosen explicitly.
import { axiosTransport, fanout } from '@fanout/core';
import { printCounts, scriptArgs } from './script-io.js';

const { urls, concurrency } = scriptArgs();
const transport = axiosTransport();
let ok = 0;
await fanout(urls, { concurrency, transport }).forEach((result) => {
  if (result.ok) ok++;
});
await transport.close();
printCounts(ok, urls.length);
