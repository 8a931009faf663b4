import { axiosTransport, compare, fanout, SummaryBuilder, undiciTransport, type FanoutOptions, type Summary, type Transport } from '@fanout/core';
import pc from 'picocolors';
import type { Colors } from 'picocolors/types.js';
import type { Subscription } from 'rxjs';
import type { Readable, Writable } from 'node:stream';
import { CommanderError, parseArgs } from './args.js';
import type { CliConfig } from './config.js';
import { inputStream } from './inputs.js';
import { Output } from './output.js';
import { Progress } from './progress.js';
import { compareChart } from './render/compare-chart.js';
import { jsonRenderer } from './render/json-renderer.js';
import { ndjsonRenderer } from './render/ndjson-renderer.js';
import type { Renderer } from './render/renderer.js';
import { summaryTable } from './render/summary-table.js';
import { textRenderer } from './render/text-renderer.js';
import { QUEUE_COMMANDS, runQueueCommand } from './queue-commands.js';
import { openUpstream, type ActiveUpstream } from './upstream.js';
import { UsageError } from './usage-error.js';

/** The process around the CLI: streams, environment, and the interrupt signal. */
export interface CliIo {
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean; columns?: number };
  readonly stdin: Readable;
  readonly env: NodeJS.ProcessEnv;
  /** Registers the Ctrl-C handler; returns its removal. */
  onInterrupt(handler: () => void): () => void;
}

export const EXIT = { ok: 0, failures: 1, usage: 2, interrupted: 130 } as const;

function colorsFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Colors {
  const enabled = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' ? true : !!stream.isTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  return pc.createColors(enabled);
}

function renderer(config: CliConfig, out: Output, colors: Colors): Renderer {
  if (config.output === 'ndjson') return ndjsonRenderer(out);
  if (config.output === 'json') return jsonRenderer(out);
  return textRenderer(out, colors);
}

function coreOptions(config: CliConfig, transport: Transport): FanoutOptions {
  return {
    transport,
    concurrency: config.concurrency,
    timeout: config.timeout,
    retries: config.retries,
    perHost: config.perHost,
    rate: config.rate,
    ordered: config.ordered,
    fields: config.fields,
  };
}

/** Runs the fanout command; resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  if ((QUEUE_COMMANDS as readonly string[]).includes(argv[0] ?? '')) return runQueueCommand(argv, io, version);
  let config: CliConfig;
  try {
    config = parseArgs(argv, version);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`fanout: ${error.message}\n${error.hint}\n`);
      return EXIT.usage;
    }
    throw error;
  }

  const errColors = colorsFor(io.stderr, io.env);
  const log = (text: string) => {
    if (!config.quiet) io.stderr.write(text);
  };
  let stop: () => void = () => undefined;
  const out = new Output(io.stdout, () => stop());
  const render = renderer(config, out, colorsFor(io.stdout, io.env));
  const needsUpstream = config.ids !== undefined;
  let upstream: ActiveUpstream | undefined;
  const transport = config.transport === 'undici' ? undiciTransport({ connections: config.concurrency }) : axiosTransport({ maxSockets: config.concurrency });
  try {
    upstream = needsUpstream ? await openUpstream(config.upstream) : undefined;
    log(`fanout: upstream: ${upstream ? upstream.description : 'none (the URLs given)'}\n`);
    const sources = { urls: config.urls, ids: config.ids, baseUrl: upstream?.baseUrl, file: config.file, stdin: io.stdin };

    if (config.mode === 'compare') {
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
      const failed = comparison.sequential.failed + comparison.concurrent.failed;
      return failed > 0 ? EXIT.failures : EXIT.ok;
    }

    const progress = config.progress && !config.quiet && io.stderr.isTTY ? new Progress(io.stderr, total(config)) : undefined;
    const builder = new SummaryBuilder();
    const started = performance.now();
    let subscription: Subscription | undefined;
    const outcome = await new Promise<'done' | 'interrupted' | 'pipe-closed'>((resolve, reject) => {
      stop = () => {
        subscription?.unsubscribe();
        resolve('pipe-closed');
      };
      const removeInterrupt = io.onInterrupt(() => {
        subscription?.unsubscribe();
        resolve('interrupted');
      });
      const options: FanoutOptions = { ...coreOptions(config, transport), concurrency: config.mode === 'sequential' ? 1 : config.concurrency };
      subscription = fanout(inputStream(sources, () => out.ready()), options).subscribe({
        next(result) {
          builder.add(result);
          progress?.tick(result.ok);
          render.result(result);
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
    });
    const summary: Summary = builder.build(performance.now() - started);
    progress?.clear();
    if (outcome !== 'pipe-closed') {
      render.end({ summary });
      await out.flush();
    }
    if (outcome === 'interrupted') {
      log(`\nfanout: interrupted; in-flight requests were aborted. Partial summary:\n${summaryTable(summary, errColors)}`);
      return EXIT.interrupted;
    }
    if (outcome === 'pipe-closed') return EXIT.ok;
    log(`\n${summaryTable(summary, errColors)}`);
    return summary.failed > 0 ? EXIT.failures : EXIT.ok;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr.write(`fanout: ${reason}\n`);
    return EXIT.usage;
  } finally {
    await transport.close();
    await upstream?.close();
  }
}

function total(config: CliConfig): number | undefined {
  return config.file === undefined ? config.urls.length + (config.ids?.length ?? 0) : undefined;
}
