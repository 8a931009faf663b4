import { fanout, SummaryBuilder, type FanoutOptions } from '@fanout/core';
import type { Subscription } from 'rxjs';
import { BatchRun } from './batch/batch-run.js';
import type { CliConfig } from './config.js';
import { inputStream } from './inputs.js';
import { coreOptions, EXIT, type ModeContext } from './mode-context.js';
import { Progress } from './progress.js';
import { summaryTable } from './render/summary-table.js';

function total(config: CliConfig): number | undefined {
  return config.file === undefined ? config.urls.length + (config.ids?.length ?? 0) : undefined;
}

/**
 * `--mode concurrent|sequential`: results stream to stdout as they complete (inputs pulled only
 * as fast as stdout takes them), progress and the summary go to stderr. Ctrl-C aborts what is
 * in flight and prints the partial summary; a closed stdout ends the run quietly.
 */
export async function runStreamMode({ config, io, out, render, sources, transport, errColors, log, onBrokenPipe }: ModeContext): Promise<number> {
  const progress = config.progress && !config.quiet && io.stderr.isTTY ? new Progress(io.stderr, total(config)) : undefined;
  const batch = await BatchRun.open(config.batch, sources, config.upstream); // --journal, --max-failures
  const builder = new SummaryBuilder();
  const started = performance.now();
  let subscription: Subscription | undefined;
  const outcome = await new Promise<'done' | 'interrupted' | 'pipe-closed' | 'stopped'>((resolve, reject) => {
    onBrokenPipe(() => {
      subscription?.unsubscribe();
      resolve('pipe-closed');
    });
    const removeInterrupt = io.onInterrupt(() => {
      subscription?.unsubscribe();
      resolve('interrupted');
    });
    const options: FanoutOptions = { ...coreOptions(config, transport), concurrency: config.mode === 'sequential' ? 1 : config.concurrency };
    subscription = fanout(batch.inputs(inputStream(batch.sources, () => out.ready())), options).subscribe({
      next(fetched) {
        const result = batch.settle(fetched);
        builder.add(result);
        progress?.tick(result.ok);
        render.result(result);
        if (batch.mustStop) {
          removeInterrupt();
          subscription?.unsubscribe();
          resolve('stopped');
        }
      },
      error(error: unknown) {
        removeInterrupt();
        reject(error);
      },
      complete() {
        removeInterrupt();
        resolve('done');
      },
    });
  }).finally(() => batch.close());
  const summary = { ...builder.build(performance.now() - started), ...batch.notes() };
  progress?.clear();
  if (outcome === 'pipe-closed') return EXIT.ok;
  render.end({ summary });
  await out.flush();
  if (outcome === 'interrupted') {
    log(`\nfanout: interrupted; in-flight requests were aborted. Partial summary:\n${summaryTable(summary, errColors)}`);
    return EXIT.interrupted;
  }
  log(`\n${summaryTable(summary, errColors)}`);
  return summary.failed > 0 || outcome === 'stopped' ? EXIT.failures : EXIT.ok;
}
