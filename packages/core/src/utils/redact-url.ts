/**
 * The URL with any password in its userinfo replaced by `***` (and a lone user name kept), so
 * that a URL can be shown or logged without leaking credentials. Anything that is not an
 * absolute URL is returned unchanged.
 *
 * @example
 * redactUrl('https://user:secret@api.example.org/x') // 'https://user:***@api.example.org/x'
 */
export function redactUrl(url: string): string {
  const at = url.indexOf('@');
  if (at < 0) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.password === '' && parsed.username === '') return url;
  if (parsed.password !== '') parsed.password = '***';
  return parsed.href;
}
