import { describe, expect, it } from 'vitest';
import { useApp } from './app-fixture.js';

const ctx = useApp();

describe('security headers', () => {
  it.each([
    ['GET', '/'],
    ['GET', '/app.js'],
    ['GET', '/style.css'],
    ['GET', '/api/posts?ids=1'],
    ['GET', '/api/posts/stream?ids=1'],
    ['GET', '/api/compare?ids=1'],
    ['GET', '/healthz'],
    ['GET', '/metrics'],
    ['GET', '/api/posts?ids=abc'],
    ['GET', '/nowhere'],
    ['DELETE', '/api/posts?ids=1'],
    ['HEAD', '/api/posts?ids=1'],
  ])('%s %s carries X-Content-Type-Options: nosniff and a Referrer-Policy', async (method, path) => {
    const response = await fetch(ctx.url + path, { method });
    await response.arrayBuffer();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('the page may not be framed and loads nothing from elsewhere', async () => {
    const response = await fetch(`${ctx.url}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});
