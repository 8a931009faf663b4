import { benchScript, FANOUT_BIN } from './paths.js';

/** A way to run N requests, as a whole process: a script a user would write, or the CLI. */
export interface Contender {
  readonly name: string;
  /** `script`: prints `{"ok","failed"}` last; `cli`: one NDJSON line per input, exit 0 when all ok. */
  readonly kind: 'script' | 'cli';
  /** Node's arguments to run it over the URLs of `file`. */
  args(file: string, concurrency: number): string[];
}

const script = (name: string, file: string): Contender => ({
  name,
  kind: 'script',
  args: (urls, concurrency) => [benchScript(`contenders/${file}`), urls, String(concurrency)],
});

const cli = (name: string, flags: readonly string[]): Contender => ({
  name,
  kind: 'cli',
  args: (urls, concurrency) => [FANOUT_BIN, ...flags, '-o', 'ndjson', '--file', urls, '-c', String(concurrency)],
});

/** The name every throughput ratio is taken against. */
export const BASELINE = 'p-map + undici';

/** Every contender, the baseline first. */
export const CONTENDERS: readonly Contender[] = [
  script(BASELINE, 'p-map-undici'),
  script('@fanout/core (defaults)', 'fanout-defaults'),
  script('@fanout/core + undiciTransport()', 'fanout-undici'),
  script('@fanout/core + axiosTransport()', 'fanout-axios'),
  cli('fanout -o ndjson', []),
  cli('fanout --transport axios -o ndjson', ['--transport', 'axios']),
  script('RxJS + axios, by hand', 'rxjs-axios'),
  script('node:http, by hand', 'node-http'),
];

/** How many inputs came back ok, as the contender reports it (NaN when it cannot say). */
export function okCount(contender: Contender, inputs: number, sample: { exitCode: number | null; stdoutLines: number; lastLine: string }): number {
  if (contender.kind === 'cli') return sample.exitCode === 0 && sample.stdoutLines === inputs ? inputs : NaN;
  try {
    return (JSON.parse(sample.lastLine) as { ok: number }).ok;
  } catch {
    return NaN;
  }
}
