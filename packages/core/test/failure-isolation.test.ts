import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fanout, HttpError, NetworkError, ParseError, TimeoutError, type FetchResult } from '../src/index.js';
import { API, byIndex, collect, viaNock } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('one failure never affects the others', () => {
  it('turns a 404, a 500, a refused connection, a timeout and malformed JSON into failed results of their own', async () => {
    nock(API)
      .get('/ok/1').reply(200, { id: 1 })
      .get('/missing').reply(404, {})
      .get('/ok/2').reply(200, { id: 2 })
      .get('/broken').reply(500, { error: 'boom' })
      .get('/refused').replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
      .get('/garbage').reply(200, '{"title": nope', { 'content-type': 'application/json' })
      .get('/ok/3').reply(200, { id: 3 })
      .get('/slow').delay(60_000).reply(200, {});
    const paths = ['/ok/1', '/missing', '/ok/2', '/broken', '/refused', '/garbage', '/ok/3'];

    // The same moment, two runs: a tight timeout for the request that must time out, a generous
    // one for those that must succeed (a busy machine must not fail them).
    const [results, [slow]] = await Promise.all([
      collect(fanout(paths.map((p) => API + p), { concurrency: 8, retry: 0, timeout: 30_000, ...viaNock })).then(byIndex),
      collect(fanout([`${API}/slow`], { retry: 0, timeout: 100, ...viaNock })),
    ]);

    expect(results).toHaveLength(paths.length);
    const failure = (r: FetchResult | undefined) => (r && !r.ok ? r.error : undefined);
    expect(results.filter((r) => r.ok).map((r) => r.ok && r.data)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(failure(results[1])).toBeInstanceOf(HttpError);
    expect(results[1]).toMatchObject({ ok: false, status: 404, error: { name: 'HttpError', code: 'EHTTP', status: 404 } });
    expect(results[3]).toMatchObject({ ok: false, status: 500, error: { code: 'EHTTP' } });
    expect(failure(results[4])).toBeInstanceOf(NetworkError);
    expect(failure(results[4])?.code).toBe('ECONNREFUSED');
    expect(failure(results[5])).toBeInstanceOf(ParseError);
    expect(failure(results[5])?.code).toBe('EPARSE');
    expect(failure(slow)).toBeInstanceOf(TimeoutError);
    expect(failure(slow)?.code).toBe('ETIMEDOUT');
  });

  it('serialises every error as { name, code, message } for NDJSON (an HttpError with its body excerpt)', async () => {
    nock(API).get('/missing').reply(404, {});
    const [result] = await collect(fanout([`${API}/missing`], { retry: 0, ...viaNock }));
    expect(JSON.parse(JSON.stringify(result && !result.ok && result.error))).toEqual({
      name: 'HttpError',
      code: 'EHTTP',
      status: 404,
      message: `Request failed with status 404: GET ${API}/missing`,
      body: '{}',
    });
  });

  it('fails an invalid URL without sending anything, with attempts 0', async () => {
    const results = await collect(fanout(['not a url', 'ftp://example.test/x'], { retry: 0 }));
    expect(results.map((r) => !r.ok && [r.error.name, r.error.code, r.attempts])).toEqual([
      ['InvalidUrlError', 'ERR_INVALID_URL', 0],
      ['InvalidUrlError', 'ERR_INVALID_URL', 0],
    ]);
  });
});
