import { BenchError } from './bench-error.js';
import { markdownTable } from './markdown-table.js';
import { runMeasured } from './measured-process.js';
import { FANOUT_BIN } from './paths.js';
import { median } from './stats.js';

/** A command started `runs` times: its median wall time (no probe) and its peak RSS (one probed run). */
export interface ColdStartRow {
  readonly name: string;
  readonly command: string;
  readonly medianMs: number;
  readonly samplesMs: readonly number[];
  readonly maxRssMb: number;
  readonly vsNode: number;
}

export interface ColdStartResult {
  readonly runs: number;
  readonly rows: readonly ColdStartRow[];
}

/**
 * `node -e 0`, `fanout --version` and a one-URL run (`fanout -o ndjson URL` on loopback), each
 * started `runs` times, interleaved; wall time from spawn to exit, nothing preloaded.
 */
export async function runColdStart(oneUrl: string, runs: number): Promise<ColdStartResult> {
  const commands = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'fanout --version', args: [FANOUT_BIN, '--version'] },
    { name: 'fanout -o ndjson URL (one URL)', args: [FANOUT_BIN, '-o', 'ndjson', oneUrl] },
  ];
  const samples = commands.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    for (const [i, command] of commands.entries()) {
      const sample = await runMeasured(command.args, { probe: false });
      if (sample.exitCode !== 0) throw new BenchError(`${command.name} exited with ${sample.exitCode}: ${sample.stderr.trim()}`);
      samples[i]?.push(sample.wallMs);
    }
  }
  const rss: number[] = [];
  for (const command of commands) rss.push((await runMeasured(command.args)).maxRssMb ?? NaN);
  const nodeMs = median(samples[0] ?? []);
  return {
    runs,
    rows: commands.map((command, i) => {
      const medianMs = median(samples[i] ?? []);
      const shown = command.args.map((arg) => (arg === FANOUT_BIN ? 'apps/cli/bin/fanout.js' : arg));
      return { name: command.name, command: `node ${shown.join(' ')}`, medianMs, samplesMs: samples[i] ?? [], maxRssMb: rss[i] ?? NaN, vsNode: medianMs / nodeMs };
    }),
  };
}

export function coldStartTable(result: ColdStartResult): string[] {
  return markdownTable(
    ['command', `median of ${result.runs} ms`, 'vs node -e 0', 'peak RSS MB'],
    result.rows.map((row) => [row.name, { value: row.medianMs, digits: 1 }, { value: row.vsNode, digits: 2, suffix: '×' }, { value: row.maxRssMb }]),
  );
}
