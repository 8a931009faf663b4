import { benchScript, FANOUT_BIN } from './paths.js';

/** A way to run N requests, as a whole process: a script a user would write, or the CLI. */
export interface Contender {
  /** Short and stable, for `--contenders` (the script's file name, or `cli`, `cli-axios`). */
  readonly id: string;
  readonly name: string;
  /** `script`: prints `{"ok","failed"}` last; `cli`: one NDJSON line per input, exit 0 when all ok. */
  readonly kind: 'script' | 'cli';
  /** Node's arguments to run it over the URLs of `file`. */
  args(file: string, concurrency: number): string[];
}

const script = (name: string, file: string): Contender => ({
  id: file,
  name,
  kind: 'script',
  args: (urls, concurrency) => [benchScript(`contenders/${file}`), urls, String(concurrency)],
});

const cli = (id: string, name: string, flags: readonly string[]): Contender => ({
  id,
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
  cli('cli', 'fanout -o ndjson', []),
  cli('cli-axios', 'fanout --transport axios -o ndjson', ['--transport', 'axios']),
  script('RxJS + axios, by hand', 'rxjs-axios'),
  script('node:http, by hand', 'node-http'),
];

/** The contenders whose ids are listed (comma-separated), in CONTENDERS' order; the baseline always. */
export function selectContenders(ids: string): readonly Contender[] {
  const wanted = new Set(ids.split(','));
  const unknown = [...wanted].filter((id) => !CONTENDERS.some((c) => c.id === id));
  if (unknown.length) throw new Error(`--contenders: unknown ${unknown.join(', ')} (choose from ${CONTENDERS.map((c) => c.id).join(', ')})`);
  return CONTENDERS.filter((c) => c.name === BASELINE || wanted.has(c.id));
}

/** How many inputs came back ok, as the contender reports it (NaN when it cannot say). */
export function okCount(contender: Contender, inputs: number, sample: { exitCode: number | null; stdoutLines: number; lastLine: string }): number {
  if (contender.kind === 'cli') return sample.exitCode === 0 && sample.stdoutLines === inputs ? inputs : NaN;
  try {
    return (JSON.parse(sample.lastLine) as { ok: number }).ok;
  } catch {
    return NaN;
  }
}
