import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** Writes `count` URLs to `file`, one a line: `BASE/posts/1` to `/posts/100`, round-robin. */
export async function writeUrlFile(file: string, base: string, count: number): Promise<string> {
  const out = createWriteStream(file);
  for (let i = 0; i < count; i++) {
    if (!out.write(`${base}/posts/${(i % 100) + 1}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return file;
}
