import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanoutIterable } from '../src/index.js';

// /fast answers at once; every other path is held until the client goes away. `closedEarly`
// counts responses whose connection closed before they were answered.
let url = '';
let arrivals = 0;
let closedEarly = 0;
const held = new Set<ServerResponse>();
const server = createServer((req, res) => {
  arrivals++;
  if (req.url === '/fast') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"fast":true}');
    return;
  }
  held.add(res);
  res.on('close', () => {
    held.delete(res);
    if (!res.writableFinished) closedEarly++;
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of held) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(condition()).toBe(true);
}

describe('fanoutIterable: leaving the loop', () => {
  it('on break, aborts the requests in flight (the server sees them closed) and takes no more inputs', async () => {
    const urls = [`${url}/fast`, ...Array.from({ length: 20 }, (_, i) => `${url}/slow/${i}`)];
    const iterable = fanoutIterable(urls, { concurrency: 4, timeout: 60_000 });
    for await (const result of iterable) {
      expect(result.ok && result.data).toEqual({ fast: true });
      await until(() => held.size === 4); // the fast one's slot went to another slow one
      break;
    }
    await until(() => closedEarly === 4);
    expect(held.size).toBe(0);
    expect(arrivals).toBe(5);
  }, 30_000);
});
