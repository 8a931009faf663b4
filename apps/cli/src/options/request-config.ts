import type { BodySource, RequestConfig } from '../inputs/request-defaults.js';
import type { AuthFlags, RequestFlags } from './request-options.js';
import { UsageError } from '../errors/usage-error.js';
import { checkReadable, MAX_BODY_BYTES, MAX_HEADER_FILE_BYTES } from '../inputs/readable-file.js';
import { parseHeaderLine } from '../inputs/header-line.js';

function bodySource(value: string, flag: string): BodySource {
  if (value === '@-') return { kind: 'stdin' };
  if (value.startsWith('@')) {
    checkReadable(value.slice(1), flag, MAX_BODY_BYTES);
    return { kind: 'file', path: value.slice(1) };
  }
  return { kind: 'text', text: value };
}

/** Checks a `-H` list: `@FILE`s must be readable, inline headers well formed. */
export function checkHeaderFlags(headers: readonly string[]): readonly string[] {
  headers.forEach((header, i) => {
    if (header.startsWith('@')) checkReadable(header.slice(1), '-H', MAX_HEADER_FILE_BYTES);
    else parseHeaderLine(header, `-H #${i + 1}`);
  });
  return headers;
}

/** Refuses a body from stdin (`-d @-`, `--json @-`) when the inputs come from stdin too (`--file -`). */
export function checkOneStdinReader(request: RequestConfig, file: string | undefined): void {
  if (request.body?.source.kind === 'stdin' && file === '-') {
    throw new UsageError(`${request.body.json ? '--json' : '--data'} @- and --file - both read stdin`, 'Put the body or the inputs in a file.');
  }
}

/** Checks the request flags (without reading files or stdin yet). */
export function requestConfig(flags: RequestFlags & Partial<AuthFlags>): RequestConfig {
  if (flags.data !== undefined && flags.json !== undefined) throw new UsageError('--data and --json both give the body', 'Use one of them.');
  if (flags.user !== undefined && flags.oauth2Bearer !== undefined) throw new UsageError('-u and --oauth2-bearer both give the Authorization header', 'Use one of them.');
  if (flags.user !== undefined && !flags.user.includes(':')) throw new UsageError('-u needs USER:PASSWORD', 'fanout does not prompt for a password: give -u USER:PASSWORD (or -H @FILE with an Authorization header).');
  const body =
    flags.json !== undefined ? { source: bodySource(flags.json, '--json'), json: true } : flags.data !== undefined ? { source: bodySource(flags.data, '--data'), json: false } : undefined;
  if (flags.userAgent !== undefined) parseHeaderLine(`User-Agent: ${flags.userAgent}`, '-A');
  return {
    method: flags.request ?? flags.method,
    headers: checkHeaderFlags(flags.header ?? []),
    body,
    user: flags.user,
    bearer: flags.oauth2Bearer,
    followRedirects: flags.location ?? false,
    userAgent: flags.userAgent,
  };
}
