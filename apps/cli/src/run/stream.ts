import { fanout, SummaryBuilder } from '@fanout/core';
import type { Subscription } from 'rxjs';
import type { RunConfig } from '../options/config.js';
import { EXIT, signalExit, type StopSignal } from '../process/exit-codes.js';
import { keyedRequests, ownResult, type KeyedResult } from './input-key.js';
import type { ModeContext } from './mode-context.js';
import type { OutputStop } from '../output/output.js';
import { PerTurn } from '../output/per-turn.js';
import { Progress } from '../output/progress.js';
import { FieldsWatch } from './fields-watch.js';
import { summaryTable } from '../render/summary-table.js';
import { terminalColumns, TimelineReport } from '../output/timeline-report.js';
import { autoLimitReport } from '../output/auto-limit-report.js';

function total(config: RunConfig): number | undefined {
  return config.file === undefined ? config.urls.length + (config.ids?.length ?? 0) : undefined;
}

type Outcome = { kind: 'done' } | { kind: 'stopped' } | { kind: 'interrupted'; signal: StopSignal } | OutputStop;

/**
 * `--mode concurrent|sequential`: results stream to stdout as they complete (inputs pulled only
 * as fast as stdout takes them), progress and the summary go to stderr. Ctrl-C or SIGTERM
 * aborts what is in flight and prints the partial summary; a closed stdout ends the run quietly.
 */
export async function runStreamMode(context: ModeContext): Promise<number> {
  const { config, io, out, render, errColors, log } = context;
  const progress = config.progress && !config.quiet && io.stderr.isTTY ? new Progress(io.stderr, total(config), undefined, undefined, context.fileMeter) : undefined;
  if (progress && io.stdout.isTTY) out.hooks = { before: () => progress.hide(), after: () => progress.restore() };
  const fields = new FieldsWatch(config.fields, log);
  const builder = new SummaryBuilder();
  const timeline = config.timeline ? new TimelineReport() : undefined;
  const started = performance.now();
  let subscription: Subscription | undefined;
  const { batch } = context;
  const outcome = await new Promise<Outcome>((resolve, reject) => {
    // Results are printed once per event-loop turn (see PerTurn), all of them before any end;
    // none after the one that reached --max-failures (the rest count as read but unfinished).
    const results = new PerTurn((raw: KeyedResult) => {
      if (batch.mustStop) return;
      const result = ownResult(raw); // its input's own index (and a refused input's error), from its key
      batch.record(result); // journalled
      builder.add(result);
      timeline?.add(result);
      progress?.tick(result.ok);
      fields.check(result);
      render.result(result, { line: result.key?.line });
      if (batch.mustStop) {
        removeInterrupt();
        subscription?.unsubscribe();
        resolve({ kind: 'stopped' });
      }
    });
    // Each end settles the outcome first, then prints what waits (before the summary, which
    // comes after the await): a result that reaches --max-failures cannot turn it into a stop.
    const removeInterrupt = io.onInterrupt((signal) => {
      subscription?.unsubscribe();
      resolve({ kind: 'interrupted', signal });
      results.flush();
    });
    out.whenStopped((stop) => {
      removeInterrupt();
      subscription?.unsubscribe();
      resolve(stop);
      results.flush(); // counted and journalled; their lines go nowhere now
    });
    const requests = keyedRequests(context.inputs(), config.file, (item, at) => batch.admit(item, at), () => out.ready());
    subscription = fanout(requests, context.options).subscribe({
      next: (raw) => results.push(raw),
      error(error: unknown) {
        removeInterrupt();
        reject(error);
        results.flush();
      },
      complete() {
        removeInterrupt();
        resolve({ kind: 'done' });
        results.flush();
      },
    });
  }).finally(() => batch.close());
  const summary = { ...builder.build(performance.now() - started), ...batch.notes() };
  progress?.clear();
  if (outcome.kind === 'pipe-closed') return EXIT.ok;
  if (outcome.kind === 'write-failed') return EXIT.writeFailed;
  render.end({ summary });
  await out.flush();
  if (out.failure?.kind === 'write-failed') return EXIT.writeFailed;
  if (outcome.kind === 'interrupted') {
    log(`\nfanout: interrupted (${outcome.signal === 'SIGINT' ? 'Ctrl-C' : outcome.signal}); in-flight requests were aborted. Partial summary:\n${summaryTable(summary, errColors)}`);
    return signalExit(outcome.signal);
  }
  log(`\n${summaryTable(summary, errColors)}`);
  if (summary.concurrencyLimits) log(autoLimitReport(summary.concurrencyLimits, errColors));
  if (timeline) log(timeline.render(errColors, terminalColumns(io), undefined, summary.concurrencyLimits));
  return summary.failed > 0 || outcome.kind === 'stopped' ? EXIT.failures : EXIT.ok;
}
