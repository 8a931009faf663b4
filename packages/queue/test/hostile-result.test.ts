import type { FetchResult } from '@fanout/core';
import { describe, expect, it } from 'vitest';
import { enqueueJob, jobResults, jobStatus, resultLine, startWorker } from '../src/index.js';
import { useQueueFixture } from './queue-fixture.js';

const DEEP = `${'['.repeat(5000)}${']'.repeat(5000)}`;
const q = useQueueFixture((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(req.url === '/deep' ? DEEP : JSON.stringify({ path: req.url })));

describe('a hostile result (JSON nested 5,000 deep) among healthy ones', () => {
  it('is one failed line; the rest of its chunk is stored and the job completes', async () => {
    const urls = ['/a', '/deep', '/b', '/c'].map((path) => `${q.base}${path}`);
    await enqueueJob(q.url, 'hostile', urls, { chunkSize: 10 });
    const errors: string[] = [];
    const worker = await startWorker(q.url, { concurrency: 2, onChunkError: (e) => errors.push(e.error) });
    try {
      await expect.poll(async () => (await jobStatus(q.url, 'hostile')).state, { timeout: 20_000, interval: 100 }).toBe('complete');
    } finally {
      await worker.close();
    }
    const lines: Array<Record<string, unknown>> = [];
    for await (const line of jobResults(q.url, 'hostile')) lines.push(JSON.parse(line ?? 'null') as Record<string, unknown>);
    expect(lines.map((l) => l.ok)).toEqual([true, false, true, true]);
    // The core may refuse the body itself (a depth limit); either way it is this input's failure alone.
    expect(lines[1]).toMatchObject({ index: 1, url: urls[1], ok: false, error: { code: expect.any(String) } });
    expect(errors).toEqual([]);
    expect(await jobStatus(q.url, 'hostile')).toMatchObject({ results: 4, failed: 1, chunkErrors: 0 });
  }, 30_000);

  it('data nested too deep to write is a failed line (EJSONDEPTH), counted as failed', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const result = { index: 3, url: 'http://u:secret@example.org/x', ok: true, status: 200, data: deep, attempts: 1, timing: { ms: 1, queuedMs: 0, wireMs: 1 } } as unknown as FetchResult;
    const { line, failed } = resultLine(result, 42);
    expect(failed).toBe(true);
    expect(JSON.parse(line)).toMatchObject({ index: 42, url: 'http://u:***@example.org/x', ok: false, status: 200, error: { code: 'EJSONDEPTH' } });
  });

  it('a result that JSON.stringify cannot take becomes a failed line with code ERESULTJSON', () => {
    const result = { index: 3, url: 'http://u:secret@example.org/x', ok: true, status: 200, data: { size: 10n }, attempts: 1, timing: { ms: 1, queuedMs: 0, wireMs: 1 } } as unknown as FetchResult;
    const { line, failed } = resultLine(result, 42);
    expect(failed).toBe(true);
    expect(JSON.parse(line)).toMatchObject({ index: 42, url: 'http://u:***@example.org/x', ok: false, status: 200, error: { code: 'ERESULTJSON' } });
  });
});
