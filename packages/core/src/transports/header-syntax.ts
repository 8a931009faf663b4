/** RFC 9110 token: what a header name (and a method) must be. */
export const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What a header value must not hold (Node's rule): controls but tab, DEL, and characters past latin1. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const BAD_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]|[^\u0000-\u00ff]/;

/** Header objects already checked: a run's requests mostly share one. */
const checked = new WeakSet<object>();

/** An invalid request header, with Node's own code for it. The value is never in the message: it may be a secret. */
function invalidHeader(message: string): TypeError {
  return Object.assign(new TypeError(message), { code: 'ERR_INVALID_CHAR' });
}

/**
 * Throws (`ERR_INVALID_CHAR`, as `node:http`) when a request header's name is not a token or
 * its value holds a CR, LF, NUL or another control character: sent as is, such a value could
 * end the header and smuggle another, and some clients strip the characters silently instead.
 * Checked once per headers object.
 */
export function checkRequestHeaders(headers: Readonly<Record<string, string>>): void {
  if (checked.has(headers)) return;
  for (const name in headers) {
    if (!TOKEN.test(name)) throw invalidHeader(`Invalid request header name ${JSON.stringify(name)}`);
    if (BAD_VALUE.test(String(headers[name]))) throw invalidHeader(`Invalid character in the value of request header ${JSON.stringify(name)} (the value is not shown: it may be a secret)`);
  }
  checked.add(headers);
}
