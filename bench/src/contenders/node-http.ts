// Bare node:http (node:https for https URLs): a keep-alive agent and a hand-rolled pool.
import http from 'node:http';
import https from 'node:https';
import { printCounts, scriptArgs } from './script-io.js';

const { urls, concurrency } = scriptArgs();
const secure = urls[0]?.startsWith('https:') ?? false;
const agent = secure ? new https.Agent({ keepAlive: true, maxSockets: concurrency }) : new http.Agent({ keepAlive: true, maxSockets: concurrency });
const send = secure ? https.get : http.get;

function get(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    send(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        try {
          JSON.parse(body);
          resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300);
        } catch {
          resolve(false);
        }
      });
      res.on('error', () => resolve(false));
    }).on('error', () => resolve(false));
  });
}

let next = 0;
let ok = 0;
await Promise.all(
  Array.from({ length: Math.min(concurrency, urls.length) }, async () => {
    while (next < urls.length) if (await get(urls[next++] as string)) ok++;
  }),
);
agent.destroy();
printCounts(ok, urls.length);
