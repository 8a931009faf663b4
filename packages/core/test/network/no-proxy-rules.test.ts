import { describe, expect, it } from 'vitest';
import { proxyRoute } from '../../src/transports/proxy-route.js';

const PROXY = 'http://proxy.test:3128';

function routed(noProxy: string, origin: string): boolean {
  const route = proxyRoute({ proxy: PROXY, noProxy }, {});
  return route?.(origin) !== undefined;
}

describe('NO_PROXY rules (one implementation for both transports)', () => {
  it.each([
    ['', 'http://a.example.org', true],
    ['example.org', 'http://example.org', false],
    ['example.org', 'http://api.example.org:8080', false],
    ['example.org', 'http://notexample.org', true],
    ['.example.org', 'http://api.example.org', false],
    ['*.example.org', 'https://api.example.org', false],
    ['EXAMPLE.org', 'http://Example.ORG', false],
    ['10.0.0.1:8080', 'http://10.0.0.1:8080', false],
    ['10.0.0.1:8080', 'http://10.0.0.1:9090', true],
    ['localhost:443', 'https://localhost', false],
    ['localhost:80', 'https://localhost', true],
    ['[::1]:8080', 'http://[::1]:8080', false],
    ['::1', 'http://[::1]:8080', false],
    ['a.test b.test,c.test', 'http://b.test', false],
    ['*', 'http://anything.test', false],
  ])('NO_PROXY=%j, %s: proxied %s', (noProxy, origin, expected) => {
    expect(routed(noProxy, origin)).toBe(expected);
  });

  it('reads HTTP_PROXY / HTTPS_PROXY per scheme, lower-case first, empty means unset', () => {
    const route = proxyRoute({}, { HTTP_PROXY: 'http://upper:1', http_proxy: 'http://lower:2', HTTPS_PROXY: '' });
    expect(route?.('http://x.test')?.host).toBe('lower:2');
    expect(route?.('https://x.test')).toBeUndefined();
    expect(proxyRoute({}, {})).toBeUndefined();
    expect(proxyRoute({ proxy: false }, { HTTP_PROXY: PROXY })).toBeUndefined();
  });

  it('refuses a proxy that is not an http:// URL, naming where it came from', () => {
    expect(() => proxyRoute({ proxy: 'socks5://p:1080' }, {})).toThrow(/Option proxy must be an http:\/\/ proxy URL, got "socks5:\/\/p:1080"/);
    expect(() => proxyRoute({}, { HTTPS_PROXY: 'ftp://p' })).toThrow(/HTTPS_PROXY must be an http:\/\/ proxy URL/);
  });
});
