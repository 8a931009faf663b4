import type { Readable } from 'node:stream';
import type { HttpMethod } from '@fanout/core';
import { parseHeaderLine } from './header-line.js';
import { readCapped, readFileCapped } from './read-capped.js';
import { MAX_BODY_BYTES, MAX_HEADER_FILE_BYTES } from './readable-file.js';

/** Where a body flag's text comes from: given inline, a file, or stdin (`@-`). */
export type BodySource = { kind: 'text'; text: string } | { kind: 'file'; path: string } | { kind: 'stdin' };

/** The request flags, checked but not yet read (files and stdin are read when the command runs). */
export interface RequestConfig {
  /** `-X`; undefined means GET, or POST when there is a body. */
  readonly method?: HttpMethod;
  /** `-H` values and `-H @FILE` files, in order. Values are secrets: never printed. */
  readonly headers: readonly string[];
  readonly body?: { readonly source: BodySource; readonly json: boolean };
  readonly user?: string;
  readonly bearer?: string;
  readonly followRedirects: boolean;
  /** `-A`; undefined: core's default (`fanout/<version>`). */
  readonly userAgent?: string;
}

/** What every request sends unless its own spec says otherwise. Header names are lower-case. */
export interface RequestDefaults {
  readonly method?: HttpMethod;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly followRedirects: boolean;
}

async function readBody(source: BodySource, stdin: Readable): Promise<string> {
  if (source.kind === 'text') return source.text;
  if (source.kind === 'stdin') return readCapped(stdin, MAX_BODY_BYTES, 'the body from stdin (@-)');
  return readFileCapped(source.path, MAX_BODY_BYTES, `the body ${source.path}`);
}

async function headerEntries(flags: readonly string[]): Promise<Array<[string, string]>> {
  const entries: Array<[string, string]> = [];
  for (const [i, flag] of flags.entries()) {
    if (!flag.startsWith('@')) {
      entries.push(parseHeaderLine(flag, `-H #${i + 1}`));
      continue;
    }
    const file = flag.slice(1);
    const lines = (await readFileCapped(file, MAX_HEADER_FILE_BYTES, `-H ${file}`)).split('\n');
    lines.forEach((line, n) => {
      const trimmed = line.replace(/\r$/, '').trim();
      if (trimmed !== '' && !trimmed.startsWith('#')) entries.push(parseHeaderLine(trimmed, `line ${n + 1} of -H @${file}`));
    });
  }
  return entries;
}

/** Reads header files and bodies (files, stdin) and builds the headers every request sends. */
export async function requestDefaults(config: RequestConfig, stdin: Readable): Promise<RequestDefaults> {
  const headers: Record<string, string> = {};
  const body = config.body ? await readBody(config.body.source, stdin) : undefined;
  if (config.body?.json) {
    headers['content-type'] = 'application/json';
    headers.accept = 'application/json';
  } else if (body !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  if (config.user !== undefined) headers.authorization = `Basic ${Buffer.from(config.user).toString('base64')}`;
  if (config.bearer !== undefined) headers.authorization = `Bearer ${config.bearer}`;
  if (config.userAgent !== undefined) headers['user-agent'] = config.userAgent;
  for (const [name, value] of await headerEntries(config.headers)) headers[name] = value;
  return { method: config.method, headers, body, followRedirects: config.followRedirects };
}
