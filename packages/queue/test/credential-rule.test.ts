import { describe, expect, it } from 'vitest';
import { credentialsIn, isCredentialHeader } from '../src/index.js';

describe('the one rule for credentials that enqueue refuses', () => {
  it('names Authorization, Proxy-Authorization, Cookie, *-Token, *-Key, *Secret*, *Auth* (any case)', () => {
    for (const name of ['Authorization', 'proxy-authorization', 'COOKIE', 'X-Auth-Token', 'X-CSRF-Token', 'X-Api-Key', 'x-client-secret', 'Secret', 'X-Authentication', 'WWW-Auth'])
      expect(isCredentialHeader(name), name).toBe(true);
    for (const name of ['Accept', 'Content-Type', 'X-Request-Id', 'User-Agent', 'Tokens', 'Keyboard']) expect(isCredentialHeader(name), name).toBe(false);
  });

  it('finds URL userinfo and credential headers in an input, never naming the secret', () => {
    expect(credentialsIn('https://u:p@example.org/')).toBe('URL userinfo (a user name or password before the host)');
    expect(credentialsIn(new URL('https://u@example.org/'))).toBe('URL userinfo (a user name or password before the host)');
    expect(credentialsIn({ url: 'https://example.org/', headers: { 'x-auth-token': 's3cret' } })).toBe('header x-auth-token');
    expect(credentialsIn({ url: 'https://example.org/a@b', headers: { accept: '*/*' } })).toBeUndefined();
    expect(credentialsIn('not a url @ all')).toBeUndefined();
  });
});
