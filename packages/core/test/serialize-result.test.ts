import { describe, expect, it } from 'vitest';
import { HttpError, NetworkError, serializeResult, type FetchResult } from '../src/index.js';

const timing = { start: 1_700_000_000_000.123, end: 1_700_000_000_168.366, ms: 168.24284799999805, queuedMs: 100.04999, wireMs: 68.1500001 };

describe('serializeResult: the library\'s JSON record of a result', () => {
  it('rounds times to 0.1 ms, adds queuedMs and wireMs, redacts the URL password', () => {
    const result: FetchResult = { index: 3, url: 'https://user:s3cret@api.test/x', ok: true, status: 200, attempts: 2, timing, data: { a: 1 } };
    const json = JSON.stringify(serializeResult(result));
    expect(json).toBe('{"index":3,"url":"https://user:***@api.test/x","ok":true,"status":200,"attempts":2,"ms":168.2,"queuedMs":100,"wireMs":68.2,"data":{"a":1}}');
    expect(json).not.toContain('s3cret');
  });

  it('serialises a failed result\'s error with its name, code, status and message, the URL redacted there too', () => {
    const error = new HttpError(503, { method: 'GET', url: 'https://user:s3cret@api.test/x', headers: { 'retry-after': '1' }, body: 'busy' });
    const result: FetchResult = { index: 0, url: 'https://user:s3cret@api.test/x', ok: false, status: 503, attempts: 3, timing, error, retryBudgetExhausted: true };
    const line = JSON.parse(JSON.stringify(serializeResult(result))) as Record<string, unknown>;
    expect(line).toEqual({
      index: 0,
      url: 'https://user:***@api.test/x',
      ok: false,
      status: 503,
      attempts: 3,
      ms: 168.2,
      queuedMs: 100,
      wireMs: 68.2,
      error: { name: 'HttpError', code: 'EHTTP', message: 'Request failed with status 503: GET https://user:***@api.test/x', status: 503, body: 'busy' },
      retryBudgetExhausted: true,
    });
  });

  it('carries the error\'s cause chain, bounded in depth (a cycle cannot loop)', () => {
    const root = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const looped: Error & { cause?: unknown } = new Error('looped');
    looped.cause = looped;
    root.cause = looped;
    const error = new NetworkError('ECONNREFUSED', 'connection refused', { cause: root });
    const result: FetchResult = { index: 0, url: 'http://api.test/', ok: false, attempts: 1, timing, error };
    const line = JSON.parse(JSON.stringify(serializeResult(result))) as { error: { cause: unknown } };
    expect(line.error.cause).toEqual({
      name: 'Error',
      code: 'ECONNREFUSED',
      message: 'connect ECONNREFUSED 127.0.0.1:1',
      cause: { name: 'Error', message: 'looped', cause: { name: 'Error', message: 'looped' } },
    });
  });
});
