import type { Readable, Writable } from 'node:stream';
import { createTransport } from '@fanout/core';
import pc from 'picocolors';
import type { Colors } from 'picocolors/types.js';
import { CommanderError, parseArgs } from './args.js';
import type { CliConfig } from './config.js';
import { EXIT, type ModeContext } from './mode-context.js';
import { Output } from './output.js';
import { QUEUE_COMMANDS, runQueueCommand } from './queue-commands.js';
import { jsonRenderer } from './render/json-renderer.js';
import { ndjsonRenderer } from './render/ndjson-renderer.js';
import type { Renderer } from './render/renderer.js';
import { textRenderer } from './render/text-renderer.js';
import { runCompareMode } from './run-compare-mode.js';
import { runStreamMode } from './run-stream-mode.js';
import { openUpstream, type ActiveUpstream } from './upstream.js';
import { UsageError } from './usage-error.js';

export { EXIT };

/** The process around the CLI: streams, environment, and the interrupt signal. */
export interface CliIo {
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean; columns?: number };
  readonly stdin: Readable;
  readonly env: NodeJS.ProcessEnv;
  /** Registers the Ctrl-C handler; returns its removal. */
  onInterrupt(handler: () => void): () => void;
}

function colorsFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Colors {
  const enabled = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' ? true : !!stream.isTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  return pc.createColors(enabled);
}

function renderer(config: CliConfig, out: Output, colors: Colors): Renderer {
  if (config.output === 'ndjson') return ndjsonRenderer(out);
  if (config.output === 'json') return jsonRenderer(out);
  return textRenderer(out, colors);
}

/** Runs the fanout command; resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  if ((QUEUE_COMMANDS as readonly string[]).includes(argv[0] ?? '')) return runQueueCommand(argv, io, version);
  let config: CliConfig;
  try {
    config = parseArgs(argv, version);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof UsageError) {
      io.stderr.write(`fanout: ${error.message}\n${error.hint}\n`);
      return EXIT.usage;
    }
    throw error;
  }

  let brokenPipe: () => void = () => undefined;
  const out = new Output(io.stdout, () => brokenPipe());
  const transport = createTransport(config.transport, { connections: config.concurrency });
  let upstream: ActiveUpstream | undefined;
  const log = (text: string) => {
    if (!config.quiet) io.stderr.write(text);
  };
  try {
    upstream = config.ids !== undefined ? await openUpstream(config.upstream) : undefined;
    log(`fanout: upstream: ${upstream ? upstream.description : 'none (the URLs given)'}\n`);
    const context: ModeContext = {
      config,
      io,
      out,
      render: renderer(config, out, colorsFor(io.stdout, io.env)),
      sources: { urls: config.urls, ids: config.ids, baseUrl: upstream?.baseUrl, file: config.file, stdin: io.stdin },
      transport,
      errColors: colorsFor(io.stderr, io.env),
      log,
      onBrokenPipe: (handler) => (brokenPipe = handler),
    };
    return await (config.mode === 'compare' ? runCompareMode(context) : runStreamMode(context));
  } catch (error) {
    io.stderr.write(`fanout: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usage;
  } finally {
    await transport.close();
    await upstream?.close();
  }
}
