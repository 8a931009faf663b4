import { describe, expect, it } from 'vitest';
import { redactUrl } from '../src/index.js';

const SECRET = 'S3CRET';

describe('redactUrl', () => {
  it('hides the password of a URL and keeps the rest as written', () => {
    expect(redactUrl('http://user:secret@127.0.0.1:8080/posts/1?x=1')).toBe('http://user:***@127.0.0.1:8080/posts/1?x=1');
    expect(redactUrl('HTTP://U:PW@Host')).toBe('HTTP://U:***@Host');
    expect(redactUrl('https://u:@h/x')).toBe('https://u:***@h/x');
  });

  it('hides a lone user name (often a token)', () => {
    expect(redactUrl('https://ghp_TOKEN@github.com/o/r')).toBe('https://***@github.com/o/r');
  });

  it('leaves URLs without credentials, and text without URLs, as they are', () => {
    expect(redactUrl('https://example.org/a@b')).toBe('https://example.org/a@b');
    expect(redactUrl('https://example.org:8080/a@b?c@d#e@f')).toBe('https://example.org:8080/a@b?c@d#e@f');
    expect(redactUrl('http://[::1]:8080/x@y')).toBe('http://[::1]:8080/x@y');
    expect(redactUrl('not a url @ all')).toBe('not a url @ all');
    expect(redactUrl('mail ops@example.org')).toBe('mail ops@example.org');
    expect(redactUrl('https://example.org/x')).toBe('https://example.org/x');
    expect(redactUrl('connect ECONNREFUSED 127.0.0.1:1')).toBe('connect ECONNREFUSED 127.0.0.1:1');
  });

  // Each is a way a password can be written so that the WHATWG parser (or a person) reads it as one.
  const secrets: Array<[string, string]> = [
    ['a password with @ in it', `http://u:p@${SECRET}@host/a@b`],
    ['a password with a space (the parser encodes it)', `http://u:pa ${SECRET}@host/x`],
    ['a password with a quote', `http://u:pa"${SECRET}@host/x`],
    ['a password with a line break (the parser drops it)', `http://u:pw\n${SECRET}@host/x`],
    ['an unparsable host', `http://u:${SECRET}@[bad`],
    ['a password with a slash (not a valid URL)', `http://u:pa/${SECRET}@host`],
    ['a password with # or ?', `http://u:p#${SECRET}@host http://u:p?${SECRET}@host`],
    ['a space in the host (not a valid URL)', `http://u:${SECRET}@exa mple/`],
    ['backslashes for slashes', `http:\\\\u:${SECRET}@host/`],
    ['no slashes after a special scheme', `http:u:${SECRET}@host`],
    ['one slash', `https:/u:${SECRET}@host`],
    ['a tab inside the scheme separator', `http:/\t/u:${SECRET}@host`],
    ['another scheme', `ftp://u:${SECRET}@host/ redis://:${SECRET}@127.0.0.1:6379/0`],
    ['a proxy without a scheme', `u:${SECRET}@proxy:3128`],
    ['a proxy in an environment variable', `HTTPS_PROXY=u:${SECRET}@proxy:3128`],
    ['a URL quoted in a message', `--proxy "http://u:${SECRET}@[bad" is not a valid URL`],
    ['a URL inside JSON', JSON.stringify({ url: `http://u:${SECRET}@h/x` })],
    ['two URLs in one message', `GET http://a:${SECRET}@h1/x redirected to https://b:${SECRET}@h2/y`],
    ['a URL in parentheses', `(see http://u:${SECRET}@h)`],
  ];
  for (const [what, text] of secrets) {
    it(`hides ${what}`, () => {
      const shown = redactUrl(text);
      expect(shown).not.toContain(SECRET);
      expect(shown).toContain('***');
      expect(redactUrl(shown)).not.toContain(SECRET);
    });
  }

  it('keeps the user name and the host of an unparsable URL, for diagnosis', () => {
    expect(redactUrl(`http://u:${SECRET}@[bad`)).toBe('http://u:***@[bad');
    expect(redactUrl(`--proxy "u:${SECRET}@proxy:3128" is bad`)).toBe('--proxy "u:***@proxy:3128" is bad');
    expect(redactUrl(`GET http://a:${SECRET}@h1/x to https://b:${SECRET}@h2/y`)).toBe('GET http://a:***@h1/x to https://b:***@h2/y');
  });
});
