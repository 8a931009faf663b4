// @fanout/core with @fanout/axios's axiosTransport() chosen explicitly.
import { fanout } from '@fanout/core';
import { axiosTransport } from '@fanout/axios';
import { printCounts, scriptArgs } from './script-io.js';

const { urls, concurrency } = scriptArgs();
const transport = axiosTransport();
let ok = 0;
await fanout(urls, { concurrency, transport }).forEach((result) => {
  if (result.ok) ok++;
});
await transport.close();
printCounts(ok, urls.length);
