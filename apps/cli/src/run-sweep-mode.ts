import { fanout, SummaryBuilder, type RequestInput } from '@fanout/core';
import { lastValueFrom, tap } from 'rxjs';
import { colorsFor } from './colors.js';
import { EXIT, signalExit } from './exit-codes.js';
import { runInterrupt } from './run-interrupt.js';
import { coreOptions, type ModeContext } from './mode-context.js';
import { sweepChart } from './render/sweep-chart.js';
import { kneeOf, sweepConcurrencies, type SweepLevel } from './sweep-levels.js';
import { terminalColumns } from './timeline-report.js';

/**
 * `--mode sweep`: the same inputs at concurrency 1, 2, 4, … up to `--concurrency`, one level
 * after the other; per level the throughput and the p95 wire latency. stdout gets the chart
 * (text), `{ "sweep": [...], "best": N }` (json) or one line per level (ndjson); stderr a line
 * as each level ends. Ctrl-C or SIGTERM stops the sweep (levels not run are left out).
 */
export async function runSweepMode(context: ModeContext): Promise<number> {
  const { config, io, out, transport, log } = context;
  const inputs: RequestInput[] = [];
  for await (const item of context.inputs()) inputs.push(item.input);
  const interrupt = runInterrupt(io, out);
  const levels: SweepLevel[] = [];
  let failed = 0;
  try {
    for (const concurrency of sweepConcurrencies(config.concurrency)) {
      const builder = new SummaryBuilder();
      const started = performance.now();
      const options = { ...coreOptions(config, context.defaults, transport), timeline: false, concurrency, signal: interrupt.signal };
      await lastValueFrom(fanout(inputs, options).pipe(tap((result) => builder.add(result))), { defaultValue: undefined });
      if (interrupt.signal.aborted) break;
      const summary = builder.build(performance.now() - started);
      failed += summary.failed;
      const level: SweepLevel = { concurrency, throughput: summary.throughput, p95: summary.latency.p95 };
      levels.push(level);
      log(`fanout: sweep: concurrency ${concurrency}: ${level.throughput.toFixed(1)} req/s, p95 ${level.p95} ms${summary.failed > 0 ? `, ${summary.failed} failed` : ''}\n`);
      if (config.output === 'ndjson') out.write(`${JSON.stringify(level)}\n`);
    }
  } finally {
    interrupt.remove();
  }
  if (out.failure?.kind === 'pipe-closed') return EXIT.ok;
  if (levels.length > 0) {
    const best = kneeOf(levels);
    if (config.output === 'json') out.write(`${JSON.stringify({ sweep: levels, best }, null, 2)}\n`);
    if (config.output === 'text') out.write(sweepChart(levels, best, inputs.length, colorsFor(io.stdout, io.env), terminalColumns(io)));
  }
  await out.flush();
  if (out.failure?.kind === 'write-failed') return EXIT.writeFailed;
  const { stoppedBy } = interrupt;
  if (stoppedBy !== undefined) {
    log(`\nfanout: interrupted (${stoppedBy === 'SIGINT' ? 'Ctrl-C' : stoppedBy}); the sweep stopped after ${levels.length} level(s).\n`);
    return signalExit(stoppedBy);
  }
  return failed > 0 ? EXIT.failures : EXIT.ok;
}
