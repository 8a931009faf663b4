import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** How an NDJSON result file covers inputs 0 … total-1. */
export interface IndexCoverage {
  readonly lines: number;
  /** Lines whose `index` was seen before. */
  readonly repeated: number;
  /** Lines whose `index` is missing or outside 0 … total-1. */
  readonly stray: number;
  /** Inputs with no line. */
  readonly missing: number;
  /** Lines with `"ok": false`. */
  readonly failed: number;
}

/** Reads `file` line by line and checks that every input has exactly one line. */
export async function checkIndexes(file: string, total: number): Promise<IndexCoverage> {
  const seen = new Uint8Array(total);
  let lines = 0;
  let repeated = 0;
  let stray = 0;
  let failed = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line === '') continue;
    lines++;
    const parsed = JSON.parse(line) as { index?: unknown; ok?: unknown };
    if (parsed.ok === false) failed++;
    const index = parsed.index;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= total) stray++;
    else if (seen[index] === 1) repeated++;
    else seen[index] = 1;
  }
  let missing = 0;
  for (const bit of seen) if (bit === 0) missing++;
  return { lines, repeated, stray, missing, failed };
}

/** `exactly one` when every input has one line and nothing else is there. */
export function describeCoverage(c: IndexCoverage): string {
  if (c.repeated === 0 && c.stray === 0 && c.missing === 0) return 'exactly one';
  return `${c.missing} missing, ${c.repeated} repeated, ${c.stray} stray`;
}
