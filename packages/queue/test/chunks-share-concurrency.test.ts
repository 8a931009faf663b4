import { createTransport } from '@fanout/core';
import { expect, it } from 'vitest';
import { enqueueJob, jobResults, jobStatus, startWorker } from '../src/index.js';
import { useQueueFixture } from './queue-fixture.js';

let inFlight = 0;
let most = 0;
/** The chunks (input index / 10) with a request in flight, counted at the server. */
const flying = new Map<number, number>();
let overlapped = 0;
const q = useQueueFixture((req, res) => {
  const chunk = Math.floor(Number(/\/i\/(\d+)/.exec(req.url ?? '')?.[1]) / 10);
  inFlight++;
  most = Math.max(most, inFlight);
  flying.set(chunk, (flying.get(chunk) ?? 0) + 1);
  if (flying.size > 1) overlapped++;
  setTimeout(() => {
    inFlight--;
    const left = (flying.get(chunk) ?? 1) - 1;
    if (left === 0) flying.delete(chunk);
    else flying.set(chunk, left);
    res.end('{}');
  }, 15);
});

it("a worker runs the next chunk while the current one drains, within its concurrency: never more in flight, counted at the server", async () => {
  const urls = Array.from({ length: 60 }, (_, i) => `${q.base}/i/${i}`);
  await enqueueJob(q.url, 'pooled', urls, { chunkSize: 10 });
  // Connections far beyond the concurrency: only the worker's own bound holds the requests back.
  const worker = await startWorker(q.url, { concurrency: 4, transport: createTransport('http1', { connections: 64 }) });
  try {
    await expect.poll(async () => (await jobStatus(q.url, 'pooled')).state, { timeout: 30_000, interval: 100 }).toBe('complete');
  } finally {
    await worker.close();
  }
  expect(most).toBe(4);
  expect(overlapped).toBeGreaterThan(0);
  const indexes: number[] = [];
  for await (const line of jobResults(q.url, 'pooled')) indexes.push((JSON.parse(line ?? 'null') as { index: number }).index);
  expect(indexes.sort((a, b) => a - b)).toEqual(urls.map((_, i) => i));
  expect(await jobStatus(q.url, 'pooled')).toMatchObject({ results: 60, failed: 0 });
}, 40_000);
