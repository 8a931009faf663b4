import { compare } from '@fanout/core';
import { markdownTable } from './markdown-table.js';

/** One row of the seed's question: the same posts sequentially and concurrently. */
export interface SeedRow {
  readonly posts: number;
  readonly sequentialMs: number;
  readonly concurrentMs: number;
  readonly speedup: number;
  readonly ideal: number;
}

export interface SeedResult {
  readonly latencyMs: number;
  readonly concurrency: number;
  readonly rows: readonly SeedRow[];
}

/** The seed's question, in-process with `compare`: how much faster is concurrent than sequential? */
export async function runSeed(base: string, counts: readonly number[], latencyMs: number, concurrency: number): Promise<SeedResult> {
  const rows: SeedRow[] = [];
  for (const posts of counts) {
    const urls = Array.from({ length: posts }, (_, i) => `${base}/posts/${(i % 100) + 1}`);
    const comparison = await compare(urls, { concurrency });
    rows.push({
      posts,
      sequentialMs: comparison.sequential.wallMs,
      concurrentMs: comparison.concurrent.wallMs,
      speedup: comparison.speedup,
      ideal: posts / Math.ceil(posts / concurrency),
    });
  }
  return { latencyMs, concurrency, rows };
}

export function seedTable(result: SeedResult): string[] {
  return markdownTable(
    ['posts', 'sequential ms', 'concurrent ms', 'speedup', 'ideal'],
    result.rows.map((row) => [
      { value: row.posts },
      { value: row.sequentialMs },
      { value: row.concurrentMs },
      { value: row.speedup, digits: 2, suffix: '×' },
      { value: row.ideal, digits: 2, suffix: '×' },
    ]),
  );
}
