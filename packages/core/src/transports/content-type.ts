/** The media type of a `Content-Type` value, lower-case, without parameters (`text/html`). */
function mediaType(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** Whether a `Content-Type` says JSON: `application/json` or any `+json` type (`application/problem+json`). */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const type = mediaType(contentType);
  return type === 'application/json' || type.endsWith('+json');
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/** The `charset` parameter of a `Content-Type`, lower-case, or undefined. */
export function charsetOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !contentType.includes(';')) return undefined;
  return CHARSET.exec(contentType)?.[1]?.toLowerCase();
}
