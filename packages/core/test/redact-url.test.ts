import { describe, expect, it } from 'vitest';
import { redactUrl } from '../src/index.js';

describe('redactUrl', () => {
  it('hides the password of a URL and keeps the rest', () => {
    expect(redactUrl('http://user:secret@127.0.0.1:8080/posts/1?x=1')).toBe('http://user:***@127.0.0.1:8080/posts/1?x=1');
  });
  it('leaves URLs without a password, and non-URLs, as they are', () => {
    expect(redactUrl('https://example.org/a@b')).toBe('https://example.org/a@b');
    expect(redactUrl('not a url @ all')).toBe('not a url @ all');
    expect(redactUrl('https://example.org/x')).toBe('https://example.org/x');
  });
});
