// @fanout/core with @fanout/undici's undiciTransport() chosen explicitly.
import { fanout } from '@fanout/core';
import { undiciTransport } from '@fanout/undici';
import { printCounts, scriptArgs } from './script-io.js';

const { urls, concurrency } = scriptArgs();
const transport = undiciTransport();
let ok = 0;
await fanout(urls, { concurrency, transport }).forEach((result) => {
  if (result.ok) ok++;
});
await transport.close();
printCounts(ok, urls.length);
