import { kneeOf, sweep, type SweepLevel } from '@fanout/core';
import { highestConcurrency } from '../options/fanout-options.js';
import { colorsFor } from '../output/colors.js';
import { EXIT, signalExit } from '../process/exit-codes.js';
import { runInterrupt } from './interrupt.js';
import { allRequests, type ModeContext } from './mode-context.js';
import { sweepChart } from '../render/sweep-chart.js';
import { terminalColumns } from '../output/timeline-report.js';

/**
 * `--mode sweep`: the same inputs at concurrency 1, 2, 4, … up to `--concurrency`, one level
 * after the other; per level the throughput and the p95 wire latency. stdout gets the chart
 * (text), `{ "sweep": [...], "best": N }` (json) or one line per level (ndjson); stderr a line
 * as each level ends. Ctrl-C or SIGTERM stops the sweep (levels not run are left out).
 */
export async function runSweepMode(context: ModeContext): Promise<number> {
  const { config, io, out, log } = context;
  const inputs = await allRequests(context);
  const interrupt = runInterrupt(io, out);
  let levels: SweepLevel[] = [];
  let failed = 0;
  try {
    levels = await sweep(inputs, {
      ...context.options,
      concurrency: highestConcurrency(context.options),
      timeline: false,
      signal: interrupt.signal,
      onLevel(level, summary) {
        failed += summary.failed;
        log(`fanout: sweep: concurrency ${level.concurrency}: ${level.throughput.toFixed(1)} req/s, p95 ${level.p95} ms${summary.failed > 0 ? `, ${summary.failed} failed` : ''}\n`);
        if (config.output === 'ndjson') out.write(`${JSON.stringify(level)}\n`);
      },
    });
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
