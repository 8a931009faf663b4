import { describe, expect, it } from 'vitest';
import { fanout, HttpError, serializeResult } from '../../src/index.js';
import { collect } from '../helpers.js';
import { startHttpServer, useServer } from './network-helpers.js';

const ctx = useServer(() =>
  startHttpServer((req, res) => {
    const status = req.url === '/missing' ? 404 : 200;
    res.writeHead(status, { 'content-type': 'application/json', 'X-Request-Id': 'abc-1', 'set-cookie': ['a=1', 'b=2'] }).end(JSON.stringify({ path: req.url }));
  }),
);

describe('includeHeaders', () => {
  it('puts the response headers, lower-case names, on ok and HTTP-failed results and their records', async () => {
    const results = await collect(fanout([`${ctx.server.url}/here`, `${ctx.server.url}/missing`], { includeHeaders: true, ordered: true, retry: 0 }));
    const [ok, missing] = results;
    expect(ok?.ok).toBe(true);
    expect(ok?.headers).toMatchObject({ 'content-type': 'application/json', 'x-request-id': 'abc-1', 'set-cookie': 'a=1, b=2' });
    expect(missing?.ok).toBe(false);
    expect(missing?.ok === false && missing.error instanceof HttpError).toBe(true);
    expect(missing?.headers).toMatchObject({ 'x-request-id': 'abc-1' });
    const records = results.map((result) => JSON.parse(JSON.stringify(serializeResult(result))) as Record<string, unknown>);
    expect(records[0]).toMatchObject({ status: 200, headers: { 'x-request-id': 'abc-1' }, data: { path: '/here' } });
    expect(records[1]).toMatchObject({ status: 404, headers: { 'x-request-id': 'abc-1' }, error: { code: 'EHTTP' } });
    // headers come before the body, as curl -i prints them
    expect(Object.keys(records[0] ?? {}).indexOf('headers')).toBeLessThan(Object.keys(records[0] ?? {}).indexOf('data'));
  });

  it('leaves results and records without headers by default', async () => {
    const results = await collect(fanout([`${ctx.server.url}/here`, `${ctx.server.url}/missing`], { retry: 0 }));
    for (const result of results) {
      expect(result.headers).toBeUndefined();
      expect(serializeResult(result)).not.toHaveProperty('headers');
    }
  });

  it('gives no headers to a result that got no response', async () => {
    const [result] = await collect(fanout(['http://127.0.0.1:1/refused'], { includeHeaders: true, retry: 0 }));
    expect(result?.ok).toBe(false);
    expect(result?.headers).toBeUndefined();
  });
});
