import { compare } from '@fanout/core';
import { inputStream } from './inputs.js';
import { coreOptions, EXIT, type ModeContext } from './mode-context.js';
import { compareChart } from './render/compare-chart.js';

/**
 * `--mode compare`: the inputs run sequentially, then concurrently; results as they arrive,
 * then both wall times as bars and the speedup. Ctrl-C aborts (the rest fail with EABORTED).
 */
export async function runCompareMode({ config, io, out, render, sources, transport, errColors, log }: ModeContext): Promise<number> {
  const inputs: string[] = [];
  for await (const url of inputStream(sources, () => undefined)) inputs.push(url);
  let current: 'sequential' | 'concurrent' | undefined;
  const interrupt = new AbortController();
  const removeInterrupt = io.onInterrupt(() => interrupt.abort());
  const comparison = await compare(inputs, {
    ...coreOptions(config, transport),
    ordered: false,
    signal: interrupt.signal,
    onResult: (mode, result) => {
      if (mode !== current) {
        current = mode;
        render.startRun(mode, config.concurrency);
      }
      render.result(result, config.output === 'text' ? undefined : mode);
    },
  }).finally(removeInterrupt);
  render.end({ comparison });
  await out.flush();
  if (interrupt.signal.aborted) {
    log(`\nfanout: interrupted; in-flight requests were aborted and the rest failed with EABORTED.\n${compareChart(comparison, errColors)}`);
    return EXIT.interrupted;
  }
  log(`\n${compareChart(comparison, errColors)}`);
  return comparison.sequential.failed + comparison.concurrent.failed > 0 ? EXIT.failures : EXIT.ok;
}
