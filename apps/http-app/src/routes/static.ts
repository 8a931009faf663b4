import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PAGE_HEADERS } from '../security-headers.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The web page's files, read once at start: served from memory, no CDN, nothing fetched. */
export function staticFiles(names: readonly string[]): Map<string, { type: string; body: Buffer }> {
  const files = new Map<string, { type: string; body: Buffer }>();
  for (const name of names) {
    const body = readFileSync(new URL(`../../public/${name}`, import.meta.url));
    files.set(name, { type: TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream', body });
  }
  return files;
}

/** A handler that serves one of those files. */
export function serveFile(file: { type: string; body: Buffer }) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, {
      'content-type': file.type,
      'content-length': file.body.length,
      'cache-control': 'no-cache',
      ...PAGE_HEADERS,
    });
    res.end(file.body);
  };
}
