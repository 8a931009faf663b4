import { get } from 'node:http';
import { BenchError } from './bench-error.js';

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    }).on('error', () => resolve(false));
  });
}

/** Polls `url` until it answers 200; fails when `exited()` says the server is gone, or after `timeoutMs`. */
export async function waitUntilServing(url: string, exited: () => string | undefined, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await answers(url)) return;
    const reason = exited();
    if (reason !== undefined) throw new BenchError(`the server for ${url} exited before it served: ${reason}`);
    if (Date.now() > deadline) throw new BenchError(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
