import { BenchError } from './bench-error.js';
import { CONTENDERS } from './contenders.js';
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

/** The throughput contenders whose one-URL run is a cold-start row: the library and its two peers. */
const SCRIPT_ROWS = ['@fanout/core (defaults)', 'p-map + undici', 'node:http, by hand'];

/**
 * `node -e 0`, `fanout --version`, a one-URL run (`fanout -o ndjson URL` on loopback) and the
 * scripts of the library and its peers over a one-URL file (`oneUrlFile`, concurrency 1), each
 * started `runs` times, interleaved; wall time from spawn to exit, nothing preloaded.
 */
export async function runColdStart(oneUrl: string, oneUrlFile: string, runs: number): Promise<ColdStartResult> {
  const scripts = CONTENDERS.filter((contender) => SCRIPT_ROWS.includes(contender.name));
  const commands = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'fanout --version', args: [FANOUT_BIN, '--version'] },
    { name: 'fanout -o ndjson URL (one URL)', args: [FANOUT_BIN, '-o', 'ndjson', oneUrl] },
    ...scripts.map((contender) => ({ name: `${contender.name} script (one URL)`, args: contender.args(oneUrlFile, 1) })),
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
      const shown = command.args.map((arg) => (arg === FANOUT_BIN ? 'apps/cli/bin/fanout.js' : arg === oneUrlFile ? 'ONE_URL_FILE' : arg.replace(/^.*\/bench\/dist\//, 'bench/dist/')));
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
