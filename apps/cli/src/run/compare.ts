import { compare } from '@fanout/core';
import { highestConcurrency } from '../options/fanout-options.js';
import { EXIT, signalExit } from '../process/exit-codes.js';
import { runInterrupt } from './interrupt.js';
import { allRequests, type ModeContext } from './mode-context.js';
import { compareChart } from '../render/compare-chart.js';
import { terminalColumns, TimelineReport } from '../output/timeline-report.js';

/**
 * `--mode compare`: the inputs run sequentially, then concurrently; results as they arrive,
 * then both wall times as bars and the speedup. Ctrl-C or SIGTERM aborts (the rest fail with
 * EABORTED).
 */
export async function runCompareMode(context: ModeContext): Promise<number> {
  const { config, io, out, render, options, errColors, log } = context;
  const inputs = await allRequests(context);
  let current: 'sequential' | 'concurrent' | undefined;
  const timelines = config.timeline ? { sequential: new TimelineReport(), concurrent: new TimelineReport() } : undefined;
  const interrupt = runInterrupt(io, out);
  const comparison = await compare(inputs, {
    ...options,
    ordered: false,
    signal: interrupt.signal,
    onResult: (mode, result) => {
      if (mode !== current) {
        current = mode;
        render.startRun(mode, highestConcurrency(options));
      }
      timelines?.[mode].add(result);
      render.result(result, { mode: config.output === 'text' ? undefined : mode });
    },
  }).finally(() => interrupt.remove());
  if (out.failure?.kind === 'pipe-closed') return EXIT.ok;
  render.end({ comparison });
  await out.flush();
  if (out.failure?.kind === 'write-failed') return EXIT.writeFailed;
  const { stoppedBy } = interrupt;
  if (stoppedBy !== undefined) {
    log(`\nfanout: interrupted (${stoppedBy === 'SIGINT' ? 'Ctrl-C' : stoppedBy}); in-flight requests were aborted and the rest failed with EABORTED.\n${compareChart(comparison, errColors)}`);
    return signalExit(stoppedBy);
  }
  log(`\n${compareChart(comparison, errColors)}`);
  if (timelines) {
    log(timelines.sequential.render(errColors, terminalColumns(io), 'Timeline, sequential'));
    log(timelines.concurrent.render(errColors, terminalColumns(io), 'Timeline, concurrent'));
  }
  return comparison.sequential.failed + comparison.concurrent.failed > 0 ? EXIT.failures : EXIT.ok;
}
