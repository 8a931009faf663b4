import { createServer } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fanout, ParseError, serializeResult, type FetchResult } from '../../src/index.js';
import { pickFields } from '../../src/utils/pick-fields.js';
import { byIndex, collect } from '../helpers.js';

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
let base = '';
const server = createServer((req, res) => {
  const n = Number(req.url?.slice(1));
  res.writeHead(200, { 'content-type': 'application/json' }).end(Number.isFinite(n) && n > 0 ? deep(n) : '{"ok":true}');
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('a body nested 5,000 (or 200,000) deep is a failed result of its own (EJSONDEPTH); the healthy ones are ok, and every record can be written', async () => {
  const results = byIndex(await collect(fanout([`${base}/ok`, `${base}/5000`, `${base}/200000`, `${base}/512`], { fields: ['x'] })));
  expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'EJSONDEPTH', 'EJSONDEPTH', 'ok']);
  const failed = results[1] as Extract<FetchResult, { ok: false }>;
  expect(failed.error).toBeInstanceOf(ParseError);
  expect(failed.error.toJSON()).toMatchObject({ name: 'ParseError', code: 'EJSONDEPTH', message: expect.stringContaining('more than 512 levels') });
  expect(failed.attempts).toBe(1);
  for (const result of results) expect(() => JSON.stringify(serializeResult(result))).not.toThrow();
});

it('maxJsonDepth sets the bound', async () => {
  const results = byIndex(await collect(fanout([`${base}/3`, `${base}/4`], { maxJsonDepth: 3 })));
  expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'EJSONDEPTH']);
  expect(() => fanout([], { maxJsonDepth: 0 })).toThrow(/maxJsonDepth/);
});

it('serializeResult never throws: data of a caller nested 100,000 deep becomes a failed record (EJSONDEPTH)', () => {
  let data: unknown = 1;
  for (let i = 0; i < 100_000; i++) data = [data];
  const timing = { start: 0, end: 1, ms: 1, queuedMs: 0, wireMs: 1 };
  const record = serializeResult({ index: 3, url: 'http://x.test/', ok: true, status: 200, attempts: 1, timing, data });
  expect(record).toMatchObject({ index: 3, ok: false, status: 200, error: { name: 'ParseError', code: 'EJSONDEPTH' } });
  expect(() => JSON.stringify(record)).not.toThrow();
  expect(() => pickFields(data, ['a'])).toThrow(ParseError);
});
