import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes `content` to a new file in a fresh temporary directory; returns its path. */
export function tmpFile(name: string, content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'fanout-cli-')), name);
  writeFileSync(file, content);
  return file;
}
