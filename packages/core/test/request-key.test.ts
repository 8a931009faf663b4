import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanout, fanoutIterable, serializeResult, type BodySink, type FetchResult } from '../src/index.js';
import { lastValueFrom, toArray, type Observable } from 'rxjs';

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/missing') res.writeHead(404).end('no');
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":1}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function collect<R>(results$: Observable<R>): Promise<R[]> {
  return lastValueFrom(results$.pipe(toArray()));
}

interface Row {
  readonly row: number;
}

describe("a request's key", () => {
  it('comes back unchanged (the same object) on its result, ok, failed or refused before sending, and not on a result without one', async () => {
    const keys: Row[] = [{ row: 10 }, { row: 20 }, { row: 30 }];
    const inputs = [
      { url: `${base}/ok`, key: keys[0] },
      { url: `${base}/missing`, key: keys[1] },
      { url: 'not a url', key: keys[2] },
      `${base}/plain`,
    ];
    const results = await collect(fanout<unknown, string, Row>(inputs, { retry: { limit: 0 } }));
    const byIndex = (index: number) => results.find((result) => result.index === index);
    expect(byIndex(0)?.ok).toBe(true);
    expect(byIndex(0)?.key).toBe(keys[0]);
    expect(byIndex(1)?.ok).toBe(false);
    expect(byIndex(1)?.key).toBe(keys[1]);
    expect(byIndex(2)).toMatchObject({ ok: false, error: { code: 'ERR_INVALID_URL' } });
    expect(byIndex(2)?.key).toBe(keys[2]);
    expect(byIndex(3)?.ok).toBe(true);
    expect(Object.keys(byIndex(3) ?? {})).not.toContain('key');
  });

  it('is never serialized', async () => {
    const [result] = await collect(fanout([{ url: `${base}/ok`, key: { secret: 'row 7' } }]));
    const record = serializeResult(result as FetchResult);
    expect(JSON.stringify(record)).not.toContain('row 7');
    expect(Object.keys(record)).not.toContain('key');
  });

  it("is given to the sink's call for the request", async () => {
    const seen: unknown[] = [];
    const sink: BodySink = (response) => {
      seen.push(response.key);
      return { write: () => undefined, close: () => Promise.resolve({ stored: true }), abort: () => Promise.resolve() };
    };
    const key = { file: 'a.json' };
    const [result] = await collect(fanout([{ url: `${base}/ok`, key }], { sink }));
    expect(seen).toEqual([key]);
    expect(seen[0]).toBe(key);
    expect(result?.key).toBe(key);
  });

  it('comes back on fanoutIterable results too', async () => {
    const keys: string[] = [];
    for await (const result of fanoutIterable([{ url: `${base}/ok`, key: 'first' }, { url: `${base}/ok`, key: 'second' }])) keys.push(result.key ?? '');
    expect(keys.sort()).toEqual(['first', 'second']);
  });
});
