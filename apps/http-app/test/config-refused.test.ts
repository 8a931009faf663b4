import { describe, expect, it } from 'vitest';
import { startMain } from './main-process.js';

describe('a bad setting refuses to start: one line on stderr, exit 2', () => {
  it.each([
    ['UPSTREAM_URL', 'ftp://nope', /^http-app: UPSTREAM_URL="ftp:\/\/nope" is not an http\(s\) URL: use an absolute http:\/\/ or https:\/\/ URL\.\n$/],
    ['UPSTREAM_URL', 'notaurl', /^http-app: UPSTREAM_URL="notaurl" is not a URL: use an absolute http:\/\/ or https:\/\/ URL\.\n$/],
    ['UPSTREAM_URL', 'file:///etc/passwd', /^http-app: UPSTREAM_URL="file:\/\/\/etc\/passwd" is not an http\(s\) URL/],
    ['UPSTREAM_BYTE_BUDGET', 'lots', /^http-app: UPSTREAM_BYTE_BUDGET="lots" is invalid: use an integer from 1 to 1073741824\.\n$/],
    ['API_DEADLINE_MS', '0', /^http-app: API_DEADLINE_MS="0" is invalid/],
    ['SHUTDOWN_GRACE_MS', '1.5', /^http-app: SHUTDOWN_GRACE_MS="1.5" is invalid/],
    ['PORT', '70000', /^http-app: PORT="70000" is invalid/],
    ['WRITE_TIMEOUT_MS', 'soon', /^http-app: WRITE_TIMEOUT_MS="soon" is invalid: use an integer from 100 to 600000\.\n$/],
  ])('%s=%s', async (name, value, message) => {
    const main = startMain({ [name]: value });
    expect(await main.exited).toBe(2);
    expect(main.stderr()).toMatch(message);
    expect(main.stdout()).toBe('');
  });

  it('the message never shows a password', async () => {
    const main = startMain({ UPSTREAM_URL: 'ftp://user:secret@files.example' });
    expect(await main.exited).toBe(2);
    expect(main.stderr()).toContain('user:***@files.example');
    expect(main.stderr()).not.toContain('secret');
  });
});
