import { describe, expect, it } from 'vitest';
import { getJson, useApp } from './app-fixture.js';

const ctx = useApp();

describe('bad input gets a 4xx JSON error, never a 5xx or a stack trace', () => {
  it.each([
    ['/api/posts?ids=abc', 400, 'EBADIDS'],
    ['/api/posts', 400, 'EMISSINGIDS'],
    ['/api/posts?ids=', 400, 'EBADIDS'],
    ['/api/posts?ids=1-101', 400, 'EBADIDS'],
    ['/api/posts?ids=5-1', 400, 'EBADIDS'],
    ['/api/posts?ids=1&concurrency=0', 400, 'EBADCONCURRENCY'],
    ['/api/posts?ids=1&concurrency=33', 400, 'EBADCONCURRENCY'],
    ['/api/posts?ids=1&concurrency=x', 400, 'EBADCONCURRENCY'],
    ['/api/posts?ids=1&mode=fast', 400, 'EBADMODE'],
    ['/api/posts?ids=1&url=http://evil.test/', 400, 'EUNKNOWNPARAM'],
    ['/api/posts?ids=1&ids=2', 400, 'EDUPLICATEPARAM'],
    ['/api/posts/stream?ids=abc', 400, 'EBADIDS'],
    ['/api/compare?ids=1&mode=sequential', 400, 'EUNKNOWNPARAM'],
    ['/api/compare?ids=1-1000', 400, 'EBADIDS'],
    ['/api/compare/stream?ids=abc', 400, 'EBADIDS'],
    ['/api/compare/stream?ids=1&mode=sequential', 400, 'EUNKNOWNPARAM'],
    ['/api/sweep?ids=1&concurrency=33', 400, 'EBADCONCURRENCY'],
    ['/api/sweep?ids=1&mode=concurrent', 400, 'EUNKNOWNPARAM'],
    ['/api/sweep/stream', 400, 'EMISSINGIDS'],
    ['/api/sweep/stream?ids=1-101', 400, 'EBADIDS'],
    ['/nowhere', 404, 'ENOTFOUND'],
    ['/api/posts/1', 404, 'ENOTFOUND'],
  ])('GET %s → %i %s', async (path, status, code) => {
    const response = await getJson(ctx.url + path);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.body).toEqual({ error: { code, message: expect.any(String) } });
    expect(JSON.stringify(response.body)).not.toMatch(/\bat .*\.(js|ts):\d+/);
    expect(ctx.upstream.stats.requests).toBe(0);
  });

  it('a wrong method is 405 with an Allow header', async () => {
    const response = await getJson(`${ctx.url}/api/posts?ids=1`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(response.body).toMatchObject({ error: { code: 'EMETHOD' } });
  });

  it('echoes a valid x-request-id and makes one up otherwise', async () => {
    const given = await fetch(`${ctx.url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    const made = await fetch(`${ctx.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
