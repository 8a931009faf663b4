/** What a redacted password (or a lone user name, often a token) is shown as. */
const MASK = '***';

/**
 * Where a URL's authority starts: `scheme://` for any scheme (slashes or backslashes, with the
 * tabs and line breaks the WHATWG parser drops), and `http:`, `https:`, `ws:`, `wss:`, `ftp:`
 * followed directly by the authority, which the parser also accepts (`http:u:p@host`).
 */
const AUTHORITY_START = /[a-z][a-z0-9+.-]*:[\t\n\r]*[/\\][\t\n\r]*[/\\]|\b(?:https?|wss?|ftp):(?=[^\s/\\])/gi;

/** Ends an authority: the path, query or fragment starts. */
const AUTHORITY_END = /[/?#\\]/;

/** Ends a run of text that belongs to one URL in a message (a space, a quote, a bracket of prose). */
const TOKEN_END = /[\s"'`<>]/;

/** A `host`, `host:port`, `[v6]` or `[v6]:port`: what an authority without userinfo looks like. */
const PLAIN_HOST = /^(?:\[[^\]]*\]|[^:@[\]]*)(?::\d*)?$/;

/**
 * `user:password@` with no scheme before it (a proxy given as `user:pass@proxy:3128`, an
 * `HTTPS_PROXY=…` in a message): a name, a colon not starting `//`, then everything up to the
 * last `@` of the token.
 */
const BARE_USERINFO = /(^|[\s"'`=(<,[])([^\s"'`=(<,[\]:/\\@]+):(?![/\\]{2})([^\s"'`]*)@/g;

function maskUserinfo(userinfo: string): string {
  if (userinfo === '') return userinfo;
  const colon = userinfo.indexOf(':');
  return colon < 0 ? MASK : `${userinfo.slice(0, colon)}:${MASK}`;
}

/**
 * The end (exclusive) of the userinfo of the URL whose authority starts at `from`, or -1 when
 * it has none. As the WHATWG parser reads it: the last `@` before the path. When what precedes
 * the path is not a plain `host[:port]` (an unparsable `http://u:pa/ss@host`), the last `@` of
 * the whole token counts, so a password with a `/`, `?` or `#` in it is hidden too.
 */
function userinfoEnd(text: string, from: number, limit: number): number {
  const rest = text.slice(from, limit);
  const authorityEnd = rest.search(AUTHORITY_END);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at >= 0) return from + at;
  if (PLAIN_HOST.test(authority)) return -1;
  const tokenEnd = rest.search(TOKEN_END);
  const token = tokenEnd < 0 ? rest : rest.slice(0, tokenEnd);
  const lastAt = token.lastIndexOf('@');
  return lastAt < 0 ? -1 : from + lastAt;
}

/**
 * Hides the credentials of every URL in `text`: a password becomes `***` (the user name is
 * kept), a lone user name (often a token, `https://TOKEN@host`) becomes `***`. Works on a URL,
 * on a string that is not a valid URL but has `user:pass@` in it (`http://u:p@[bad`,
 * `u:pass@proxy:3128`, `http:u:p@host`) and on a message with URLs in it; nothing else changes
 * (no normalisation). The one function fanout uses wherever a URL or a message that may hold
 * one is shown, logged or stored.
 *
 * @example
 * redactUrl('https://user:secret@api.example.org/x') // 'https://user:***@api.example.org/x'
 * redactUrl('connect to http://u:p@[::1 failed')      // 'connect to http://u:***@[::1 failed'
 */
export function redactUrl(text: string): string {
  if (!text.includes('@')) return text;
  const starts = [...text.matchAll(AUTHORITY_START)].map((match) => (match.index ?? 0) + match[0].length);
  let result = '';
  let copied = 0;
  starts.forEach((start, i) => {
    if (start < copied) return;
    const end = userinfoEnd(text, start, starts[i + 1] ?? text.length);
    if (end < 0) return;
    result += text.slice(copied, start) + maskUserinfo(text.slice(start, end));
    copied = end;
  });
  result += text.slice(copied);
  return result.replace(BARE_USERINFO, (match, before: string, name: string, secret: string) => (secret.startsWith(MASK) && secret.length === MASK.length ? match : `${before}${name}:${MASK}@`));
}
