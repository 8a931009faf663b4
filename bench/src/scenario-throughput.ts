import { BASELINE, type Contender, okCount } from './contenders.js';
import { type Cell, markdownTable } from './markdown-table.js';
import { runMeasured } from './measured-process.js';
import { median } from './stats.js';

/** N requests at concurrency C against one upstream, every contender as a whole process. */
export interface ThroughputScenario {
  readonly id: string;
  readonly title: string;
  /** The file of URLs every contender reads. */
  readonly urlFile: string;
  readonly requests: number;
  readonly concurrency: number;
  readonly rounds: number;
  /** ⌈N/C⌉·L for a latency-bound scenario; ratios are then taken against it. */
  readonly idealMs?: number;
  /** Extra environment for the contenders (e.g. NODE_EXTRA_CA_CERTS). */
  readonly env?: NodeJS.ProcessEnv;
}

/** One round of one contender. */
export interface RoundSample {
  readonly ok: number;
  readonly exitCode: number | null;
  readonly wallMs: number;
  readonly startupMs?: number;
  readonly inProcessMs?: number;
  readonly cpuMs?: number;
  readonly maxRssMb?: number;
  /** The end of stderr, kept only when some request failed. */
  readonly stderr?: string;
}

/** A contender's medians over the rounds. */
export interface ContenderFigures {
  readonly name: string;
  /** The fewest ok results in any round (all N when nothing failed). */
  readonly ok: number;
  readonly wallMs: number;
  readonly inProcessMs: number;
  readonly startupMs: number;
  readonly cpuUsPerRequest: number;
  readonly maxRssMb: number;
  readonly samples: readonly RoundSample[];
}

export type ThroughputResult = Omit<ThroughputScenario, 'urlFile' | 'env'> & { readonly contenders: readonly ContenderFigures[] };

async function sample(contender: Contender, scenario: ThroughputScenario): Promise<RoundSample> {
  // stdout to a file, as `fanout … > results.ndjson`: a reader of a pipe would share the 2 cores.
  const run = await runMeasured(contender.args(scenario.urlFile, scenario.concurrency), { env: { ...process.env, ...scenario.env }, stdout: 'file' });
  const ok = okCount(contender, scenario.requests, run);
  const { wallMs, startupMs, inProcessMs, cpuMs, maxRssMb, exitCode } = run;
  return { ok, exitCode, wallMs, startupMs, inProcessMs, cpuMs, maxRssMb, ...(ok === scenario.requests ? {} : { stderr: run.stderr }) };
}

/**
 * Runs every contender `rounds` times, interleaved (each round in a rotated order, so a noisy
 * moment or a position in the round hits all of them alike), and takes the medians.
 */
export async function runThroughput(scenario: ThroughputScenario, contenders: readonly Contender[], log: (line: string) => void): Promise<ThroughputResult> {
  const samples = new Map<string, RoundSample[]>(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < scenario.rounds; round++) {
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length] as Contender);
    for (const contender of order) {
      const s = await sample(contender, scenario);
      samples.get(contender.name)?.push(s);
      const failed = s.ok === scenario.requests ? '' : ` — ${s.ok} of ${scenario.requests} ok, exit ${s.exitCode}: ${s.stderr?.trim().split('\n').pop() ?? ''}`;
      log(`  ${scenario.id} round ${round + 1}/${scenario.rounds}: ${contender.name} ${(s.wallMs / 1000).toFixed(2)} s${failed}`);
    }
  }
  const { urlFile: _file, env: _env, ...described } = scenario;
  return {
    ...described,
    contenders: contenders.map(({ name }) => {
      const runs = samples.get(name) ?? [];
      return {
        name,
        ok: Math.min(...runs.map((r) => r.ok)),
        wallMs: median(runs.map((r) => r.wallMs)),
        inProcessMs: median(runs.map((r) => r.inProcessMs)),
        startupMs: median(runs.map((r) => r.startupMs)),
        cpuUsPerRequest: median(runs.map((r) => (r.cpuMs === undefined ? undefined : (r.cpuMs * 1000) / scenario.requests))),
        maxRssMb: median(runs.map((r) => r.maxRssMb)),
        samples: runs,
      };
    }),
  };
}

const seconds = (ms: number): Cell => ({ value: ms / 1000, digits: 2 });
const times = (value: number): Cell => ({ value, digits: 2, suffix: '×' });

/** The scenario as a Markdown table: whole-process and in-process figures side by side. */
export function throughputTable(result: ThroughputResult): string[] {
  const { requests, idealMs } = result;
  const base = result.contenders.find((c) => c.name === BASELINE);
  const rate = (ms: number): Cell => ({ value: (requests * 1000) / ms });
  if (idealMs !== undefined) {
    return markdownTable(
      ['contender', 'whole process s', '÷ ideal', 'in-process s', '÷ ideal', 'start-up ms', 'CPU ms', 'peak RSS MB', 'ok'],
      result.contenders.map((c) => [
        c.name,
        seconds(c.wallMs),
        times(c.wallMs / idealMs),
        seconds(c.inProcessMs),
        times(c.inProcessMs / idealMs),
        { value: c.startupMs },
        { value: (c.cpuUsPerRequest * requests) / 1000 },
        { value: c.maxRssMb },
        { value: c.ok },
      ]),
    );
  }
  return markdownTable(
    ['contender', 'whole process s', 'req/s', `vs ${BASELINE}`, 'in-process s', 'req/s', `vs ${BASELINE}`, 'start-up ms', 'CPU µs/req', 'peak RSS MB', 'ok'],
    result.contenders.map((c) => [
      c.name,
      seconds(c.wallMs),
      rate(c.wallMs),
      times((base?.wallMs ?? NaN) / c.wallMs),
      seconds(c.inProcessMs),
      rate(c.inProcessMs),
      times((base?.inProcessMs ?? NaN) / c.inProcessMs),
      { value: c.startupMs },
      { value: c.cpuUsPerRequest },
      { value: c.maxRssMb },
      { value: c.ok },
    ]),
  );
}
