import type { Transport } from '@fanout/core';
import type { Colors } from 'picocolors/types.js';
import type { CliIo } from '../process/cli-io.js';
import { colorsFor } from '../output/colors.js';
import type { RunConfig } from '../options/config.js';
import { EXIT } from '../process/exit-codes.js';
import { inputBatches } from '../inputs/input-batches.js';
import type { ModeContext } from '../run/mode-context.js';
import { openTransport } from '../run/open-transport.js';
import { Output } from '../output/output.js';
import { FileMeter } from '../output/progress.js';
import { jsonRenderer } from '../output/json-renderer.js';
import { ndjsonRenderer } from '../output/ndjson-renderer.js';
import type { Renderer } from '../output/renderer.js';
import { textRenderer } from '../output/text-renderer.js';
import { requestDefaults } from '../inputs/request-defaults.js';
import { fanoutOptions, poolSize } from '../options/fanout-options.js';
import { runConfig, type RunCommandFlags } from '../options/run-config.js';
import { runCompareMode } from '../run/compare.js';
import { runStreamMode } from '../run/stream.js';
import type { ActiveUpstream } from '../run/upstream.js';
import { BatchRun } from '../run/batch-run.js';
import { reportWriteFailure } from '../output/write-failure.js';

function renderer(config: RunConfig, out: Output, colors: Colors): Renderer {
  if (config.output === 'ndjson') return ndjsonRenderer(out);
  if (config.output === 'json') return jsonRenderer(out);
  return textRenderer(out, colors);
}

/** `fanout run` (the default command): fetch the inputs and print one result each. */
export async function runCommand(urls: readonly string[], flags: RunCommandFlags, io: CliIo): Promise<number> {
  const config = await runConfig(urls, flags);
  const out = new Output(io.stdout);
  const request = await requestDefaults(config.request, io.stdin); // headers and body files read now
  // --journal reads (and may peek at stdin) before anything is fetched; a mismatch is a usage error.
  const batch = await BatchRun.open(config.batch, { urls: config.urls, ids: config.ids, file: config.file, stdin: io.stdin }, config.upstream);
  batch.guard(out); // a result is journalled before it is printed
  let transport: Transport | undefined;
  let upstream: ActiveUpstream | undefined;
  const errColors = colorsFor(io.stderr, io.env);
  const log = (text: string) => {
    if (config.quiet) return;
    out.hooks?.before();
    io.stderr.write(text);
    out.hooks?.after();
  };
  try {
    const options = fanoutOptions(config, request, batch.coreOptions());
    transport = await openTransport(config.network, poolSize(options));
    let idUrls: string[] | undefined;
    if (config.ids !== undefined) {
      const { openUpstream, postUrls } = await import('../run/upstream.js');
      upstream = await openUpstream(config.upstream);
      idUrls = postUrls(upstream.baseUrl, config.ids);
    }
    log(`fanout: upstream: ${upstream ? upstream.description : 'none (the URLs given)'}\n`);
    const fileMeter = FileMeter.of(batch.sources.file);
    const context: ModeContext = {
      config,
      io,
      out,
      render: renderer(config, out, colorsFor(io.stdout, io.env)),
      inputs: () => inputBatches({ urls: config.urls, idUrls, file: batch.sources.file, stdin: batch.sources.stdin, meter: fileMeter }, request),
      fileMeter,
      batch,
      options: { ...options, transport },
      errColors,
      log,
    };
    const code = await (config.mode === 'compare'
      ? runCompareMode(context)
      : config.mode === 'sweep'
        ? (await import('../run/sweep.js')).runSweepMode(context)
        : runStreamMode(context));
    return code === EXIT.writeFailed && out.failure ? reportWriteFailure(out.failure, io) : code;
  } finally {
    void out.flush(); // a run that ended by an error: the lines of its last 10 ms still go out
    await batch.close(); // every mode, and a run that ended by an error: the journal's lock is released
    await transport?.close();
    await upstream?.close();
  }
}
