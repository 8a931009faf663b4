import { describe, expect, it } from 'vitest';
import { useApp } from './app-fixture.js';
import { rawExchange, rawRequest } from './raw-http.js';

// A short headers timeout, so that the 408 comes soon (the assertion waits for it, however long).
const ctx = useApp({}, { headersTimeoutMs: 300 });

function expectJsonError(response: { status: number; headers: Readonly<Record<string, string>>; body: string }, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(JSON.parse(response.body)).toEqual({ error: { code, message: expect.any(String) } });
}

describe("Node's own early answers are the app's JSON errors too", () => {
  it('431 for headers over 16 KiB', async () => {
    const response = await rawRequest(ctx.url, `GET /healthz HTTP/1.1\r\nHost: a\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`);
    expectJsonError(response, 431, 'EHEADERSTOOLARGE');
  });

  it('400 for a request line that is not HTTP', async () => {
    expectJsonError(await rawRequest(ctx.url, 'HELLO THERE\r\n\r\n'), 400, 'EBADREQUEST');
  });

  it('408 for headers that never end', async () => {
    expectJsonError(await rawRequest(ctx.url, 'GET /healthz HTTP/1.1\r\nHost: a\r\n'), 408, 'EREQUESTTIMEOUT');
  });

  it('417 for an expectation other than 100-continue', async () => {
    const response = await rawRequest(ctx.url, 'GET /healthz HTTP/1.1\r\nHost: a\r\nExpect: tea\r\nConnection: close\r\n\r\n');
    expectJsonError(response, 417, 'EEXPECTATION');
  });

  it('400 for an HTTP/1.1 request without Host', async () => {
    expectJsonError(await rawRequest(ctx.url, 'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n'), 400, 'EBADHOST');
  });

  it('Expect: 100-continue gets the answer itself, never a 100 Continue (no endpoint takes a body)', async () => {
    const raw = await rawExchange(ctx.url, 'GET /healthz HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(raw).not.toContain('100 Continue');
  });
});
