import { TRANSPORT_NAMES, type TransportName } from '@fanout/core';
import { IdListError, parseIdList } from '@fanout/demo-upstream';
import { enqueueJob, jobResults, jobStatus, JobStateError, QueueUnavailableError, QueueUrlError, startWorker } from '@fanout/queue';
import { Command, CommanderError, Option } from 'commander';
import type { CliIo } from './cli.js';
import { LIVE_URL } from './config.js';
import { inputStream } from './inputs.js';
import { integer, positive } from './option-parsers.js';
import { Output } from './output.js';
import { UsageError } from './usage-error.js';

/** The scale-out subcommands: `fanout enqueue|worker|status|results`. */
export const QUEUE_COMMANDS = ['enqueue', 'worker', 'status', 'results'] as const;

const QUEUE_HELP = 'Redis URL of the queue, e.g. redis://127.0.0.1:6379/0';

interface Outcome {
  code: number;
}

/** Builds the program; each action stores its exit code in `outcome`. */
function program(io: CliIo, version: string, outcome: Outcome): Command {
  const root = new Command()
    .name('fanout')
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (message, write) => write(`fanout: ${message.replace(/^error: /, '').trim()}\nRun 'fanout <command> --help' for usage.\n`),
    });

  root
    .command('enqueue')
    .description('split the inputs into chunks of a BullMQ job on Redis (streamed: a 10M-line file is never whole in memory)')
    .argument('[urls...]', 'URLs to fetch')
    .requiredOption('--queue <url>', QUEUE_HELP)
    .requiredOption('--job <name>', 'job name (letters, digits, . _ -)')
    .option('--ids <list>', 'post ids against --base-url, e.g. 1-10000')
    .option('--file <path>', "one URL a line ('-' for stdin)")
    .option('--base-url <url>', 'upstream for --ids (the workers must reach it)')
    .option('--live', `use ${LIVE_URL} for --ids`, false)
    .option('--timeout <ms>', 'per-attempt timeout', integer(1, 3_600_000))
    .option('--retries <n>', 'retries per request', integer(0, 100))
    .option('--rate <n>', 'requests per second, across all workers', positive(1_000_000))
    .option('--per-host-rate <n>', 'requests per second to one host, across all workers', positive(1_000_000))
    .option('--per-host <n>', 'requests in flight to one host, per worker', integer(1, 10_000))
    .option('--fields <list>', 'keep only these fields of each JSON response')
    .option('--chunk-size <n>', 'inputs per chunk', integer(1, 100_000), 500)
    .action(async (urls: string[], o: Record<string, unknown>) => {
      let ids: number[] | undefined;
      if (o.ids !== undefined) {
        if (o.baseUrl === undefined && !o.live) throw new UsageError('--ids needs --base-url (or --live): the workers must reach the upstream', 'Add --base-url http://HOST:PORT.');
        try {
          ids = parseIdList(String(o.ids));
        } catch (error) {
          if (error instanceof IdListError) throw new UsageError(`bad --ids "${String(o.ids)}": ${error.message}`, 'Write ids and ranges like --ids 1-10,42.');
          throw error;
        }
      }
      if (urls.length === 0 && ids === undefined && o.file === undefined) throw new UsageError('nothing to enqueue', 'Give URLs, --ids or --file.');
      const baseUrl = o.live ? LIVE_URL : (o.baseUrl as string | undefined)?.replace(/\/+$/, '');
      const inputs = inputStream({ urls, ids, baseUrl, file: o.file as string | undefined, stdin: io.stdin }, () => undefined);
      const fields = typeof o.fields === 'string' ? o.fields.split(',').map((f) => f.trim()).filter(Boolean) : undefined;
      const summary = await enqueueJob(String(o.queue), String(o.job), inputs, {
        chunkSize: o.chunkSize as number,
        timeout: o.timeout as number | undefined,
        retries: o.retries as number | undefined,
        rate: o.rate as number | undefined,
        perHostRate: o.perHostRate as number | undefined,
        perHost: o.perHost as number | undefined,
        fields,
      });
      io.stderr.write(`fanout: enqueued job ${summary.job}: ${summary.total} inputs in ${summary.chunks} chunks\n`);
    });

  root
    .command('worker')
    .description('run chunks from the queue until SIGTERM/SIGINT (which lets the current chunk finish)')
    .requiredOption('--queue <url>', QUEUE_HELP)
    .option('-c, --concurrency <n>', 'requests in flight in this worker', integer(1, 10_000), 10)
    .addOption(new Option('--transport <name>', 'HTTP client').choices(TRANSPORT_NAMES).default('undici'))
    .option('--lock-ms <ms>', 'chunk lock; a dead worker\'s chunk is taken over after about this long', integer(500, 3_600_000), 30_000)
    .action(async (o: { queue: string; concurrency: number; transport: TransportName; lockMs: number }) => {
      const worker = await startWorker(o.queue, {
        concurrency: o.concurrency,
        transport: o.transport,
        lockMs: o.lockMs,
        onChunk: (c) => io.stderr.write(`fanout worker: job ${c.job} chunk ${c.chunk}: ${c.count} results (${c.failed} failed) in ${Math.round(c.ms)} ms\n`),
      });
      io.stderr.write(`fanout worker ${worker.id}: waiting for chunks on ${o.queue} (concurrency ${o.concurrency})\n`);
      await new Promise<void>((resolve) => {
        const remove = io.onInterrupt(() => resolve());
        process.once('SIGTERM', () => {
          remove();
          resolve();
        });
      });
      io.stderr.write(`fanout worker ${worker.id}: stopping after the current chunk\n`);
      await worker.close();
    });

  root
    .command('status')
    .description('progress of a job: results so far, done/failed/in flight per worker')
    .requiredOption('--queue <url>', QUEUE_HELP)
    .requiredOption('--job <name>', 'job name')
    .addOption(new Option('-o, --output <format>').choices(['text', 'json']).default('text'))
    .action(async (o: { queue: string; job: string; output: 'text' | 'json' }) => {
      const status = await jobStatus(o.queue, o.job);
      if (o.output === 'json') {
        io.stdout.write(`${JSON.stringify(status)}\n`);
        return;
      }
      const pct = status.total ? Math.floor((status.results / status.total) * 100) : 0;
      io.stdout.write(`job ${status.job}: ${status.results}/${status.total} results (${pct}%), ${status.chunks} chunks, ${status.complete ? 'complete' : status.state === 'enqueuing' ? 'still enqueuing' : 'running'}\n`);
      io.stdout.write(`${'worker'.padEnd(28)}${'done'.padStart(9)}${'failed'.padStart(9)}${'in flight'.padStart(11)}${'last seen'.padStart(12)}\n`);
      for (const w of status.workers) {
        io.stdout.write(`${w.id.padEnd(28)}${String(w.done).padStart(9)}${String(w.failed).padStart(9)}${String(w.inFlight).padStart(11)}${`${(w.seenMsAgo / 1000).toFixed(1)} s ago`.padStart(12)}\n`);
      }
    });

  root
    .command('results')
    .description("a job's results as NDJSON, one line per input, in input order")
    .requiredOption('--queue <url>', QUEUE_HELP)
    .requiredOption('--job <name>', 'job name')
    .action(async (o: { queue: string; job: string }) => {
      let missing = 0;
      let failed = 0;
      const out = new Output(io.stdout, () => undefined);
      for await (const line of jobResults(o.queue, o.job)) {
        if (out.closed) return;
        if (line === undefined) {
          missing++;
          continue;
        }
        if (line.includes('"ok":false')) failed++;
        out.write(`${line}\n`);
        await out.ready();
      }
      await out.flush();
      if (missing > 0) io.stderr.write(`fanout: ${missing} inputs have no result yet (is the job still running? see: fanout status)\n`);
      outcome.code = missing > 0 || failed > 0 ? 1 : 0;
    });
  return root;
}

/** Runs `fanout enqueue|worker|status|results …`; resolves to the exit code. */
export async function runQueueCommand(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  const outcome: Outcome = { code: 0 };
  try {
    await program(io, version, outcome).parseAsync([...argv], { from: 'user' });
    return outcome.code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      io.stderr.write(`fanout: ${error.message}\n${error.hint}\n`);
      return 2;
    }
    if (error instanceof QueueUrlError || error instanceof QueueUnavailableError) {
      io.stderr.write(`fanout: ${error.message}\nGive --queue redis://HOST:PORT/DB of a running Redis, e.g. redis://127.0.0.1:6379/0.\n`);
      return 2;
    }
    if (error instanceof JobStateError) {
      io.stderr.write(`fanout: ${error.message}\nSee the job names with their status: fanout status --queue URL --job NAME.\n`);
      return 2;
    }
    throw error;
  }
}
