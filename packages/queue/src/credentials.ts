import type { RequestInput } from '@fanout/core';

/**
 * Whether a request header carries credentials (so it must not be stored in Redis): Authorization,
 * Proxy-Authorization, Cookie, and names like `*-Token`, `*-Key`, `*Secret*`, `*Auth*`
 * (case-insensitive). The one rule for `enqueue -H` and for the headers of request-spec lines.
 */
export function isCredentialHeader(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return lower === 'cookie' || lower.endsWith('-token') || lower.endsWith('-key') || lower.includes('secret') || lower.includes('auth');
}

/** The first header name among `headers` that carries credentials, if any. */
export function credentialHeaderIn(headers: Readonly<Record<string, string>> | undefined): string | undefined {
  return Object.keys(headers ?? {}).find(isCredentialHeader);
}

/**
 * What in one input carries credentials, in words (`URL userinfo`, `header X-Auth-Token`), or
 * `undefined` when nothing does. Never returns the secret itself.
 */
export function credentialsIn(input: RequestInput): string | undefined {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : String(input.url);
  if (hasUserinfo(url)) return 'URL userinfo (a user name or password before the host)';
  if (typeof input === 'string' || input instanceof URL) return undefined;
  const header = credentialHeaderIn(input.headers);
  return header === undefined ? undefined : `header ${header}`;
}

function hasUserinfo(url: string): boolean {
  if (!url.includes('@')) return false;
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false;
  }
}
