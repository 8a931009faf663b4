import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useAppOn } from './app-fixture.js';
import { postId, sendPost } from './test-upstream.js';

// Post 2 is held until the test lets it go: the first line must arrive while it is held.
let releaseSecond: () => void = () => undefined;
const ctx = useAppOn((req, res) => {
  const id = postId(req);
  if (id === 2) releaseSecond = () => sendPost(res, id);
  else sendPost(res, id);
});

describe('GET /api/posts/stream', () => {
  it('sends each result as it completes, before the slower ones have finished', async () => {
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = request(`${ctx.url}/api/posts/stream?ids=1,2`, (res) => {
        let buffered = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffered += chunk;
          const complete = buffered.split('\n');
          buffered = complete.pop() ?? '';
          lines.push(...complete);
          if (lines.length === 1) releaseSecond();
        });
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ index: 0, ok: true }),
      expect.objectContaining({ index: 1, ok: true }),
      expect.objectContaining({ summary: expect.objectContaining({ ok: 2 }) }),
    ]);
  });
});
