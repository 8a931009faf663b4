import { join } from 'node:path';
import { markdownTable } from './markdown-table.js';
import { runMeasured } from './measured-process.js';
import { FANOUT_BIN } from './paths.js';
import { writeUrlFile } from './url-file.js';

/** One CLI run over a URL file: its peak RSS and pace. */
export interface MemoryRow {
  readonly lines: number;
  readonly maxRssMb: number;
  readonly wallMs: number;
  readonly requestsPerSecond: number;
  readonly exitCode: number | null;
}

export interface MemoryResult {
  readonly concurrency: number;
  readonly rows: readonly MemoryRow[];
  /** Peak RSS of the largest file over the smallest's: 1.00 is flat. */
  readonly flatness: number;
}

/**
 * `fanout -o ndjson --file F -c C` (default transport, stdout to /dev/null) over files of each
 * size; peak RSS from getrusage at exit (the probe), the kernel's own high-water mark.
 */
export async function runMemory(base: string, sizes: readonly number[], concurrency: number, dir: string, log: (line: string) => void): Promise<MemoryResult> {
  const rows: MemoryRow[] = [];
  for (const lines of sizes) {
    const file = await writeUrlFile(join(dir, `urls-${lines}.txt`), base, lines);
    const run = await runMeasured([FANOUT_BIN, '-o', 'ndjson', '--file', file, '-c', String(concurrency)], { stdout: 'devnull' });
    rows.push({ lines, maxRssMb: run.maxRssMb ?? NaN, wallMs: run.wallMs, requestsPerSecond: (lines * 1000) / run.wallMs, exitCode: run.exitCode });
    log(`  memory ${lines.toLocaleString('en-US')} lines: peak RSS ${(run.maxRssMb ?? NaN).toFixed(0)} MB, exit ${run.exitCode}${run.exitCode === 0 ? '' : `: ${run.stderr.trim().split('\n').pop() ?? ''}`}`);
  }
  const first = rows[0]?.maxRssMb ?? NaN;
  const last = rows.at(-1)?.maxRssMb ?? NaN;
  return { concurrency, rows, flatness: last / first };
}

export function memoryTable(result: MemoryResult): string[] {
  return markdownTable(
    ['URL lines', 'peak RSS MB', 'whole process s', 'req/s', 'exit'],
    result.rows.map((row) => [{ value: row.lines }, { value: row.maxRssMb }, { value: row.wallMs / 1000, digits: 1 }, { value: row.requestsPerSecond }, String(row.exitCode)]),
  );
}
