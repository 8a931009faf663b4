import { Command, CommanderError, Option } from 'commander';
import { CliFailure, UsageError } from './errors/usage-error.js';
import type { CliIo } from './process/cli-io.js';
import { EXIT } from './process/exit-codes.js';
import type { CancelFlags } from './commands/cancel.js';
import type { EnqueueFlags } from './commands/enqueue.js';
import type { JobsFlags } from './commands/jobs.js';
import type { ResultsFlags } from './commands/results.js';
import type { StatusFlags } from './commands/status.js';
import type { WorkerFlags } from './commands/worker.js';
import { addDemoOptions, addInputOptions } from './options/input-options.js';
import { addNetworkOptions, addSpeedOptions } from './options/network-options.js';
import { addBodyOptions, addOutputOptions } from './options/output-options.js';
import { addRequestOptions, addWorkerAuthOptions } from './options/request-options.js';
import { addLimitOptions, addRunOptions } from './options/run-options.js';
import { addBatchOptions } from './options/batch-options.js';
import { CORE_DEFAULTS } from './options/core-constants.js';
import { integer } from './options/parsers.js';
import { terminalSafe } from './render/terminal-chars.js';
import type { RunCommandFlags } from './options/run-config.js';

const RUN_EXAMPLES = `
Examples:
  $ fanout                                   demo: posts 1-3, sequential vs concurrent
  $ fanout --ids 1-20 --concurrency 5 --output ndjson
  $ fanout https://api.example.org/me -u alice:s3cret
  $ fanout --file requests.ndjson -H @headers.txt --json '{"draft":true}'
  $ cat urls.txt | fanout --file - --output ndjson --ordered
  $ fanout --file urls.txt -x http://proxy.internal:3128 --cacert ca.pem

Output: results on stdout (text, one JSON document, or one NDJSON line per input);
upstream line, progress and summary on stderr.
Exit codes: 0 all ok, 1 some requests failed, 2 usage error, 74 the results could not be
written (disk full, stdout closed), 130 Ctrl-C, 143 SIGTERM.`;

const QUEUE_EXAMPLES = `
Scale-out on BullMQ/Redis (see 'fanout <command> --help'):
  $ fanout enqueue --queue redis://127.0.0.1:6379/0 --job crawl --file urls.txt --per-host-rate 10
  $ fanout worker --queue redis://127.0.0.1:6379/0 --concurrency 32 -H @auth.txt   (on each machine)
  $ fanout results --queue redis://127.0.0.1:6379/0 --job crawl --follow > results.ndjson
  $ fanout status --queue redis://127.0.0.1:6379/0 --job crawl
  $ fanout jobs --queue redis://127.0.0.1:6379/0
  $ fanout cancel --queue redis://127.0.0.1:6379/0 --job crawl`;

const QUEUE_HELP = 'Redis URL of the queue, e.g. redis://127.0.0.1:6379/0';

/** Runs a command's module, loaded only when that command runs. */
export type Dispatch = (run: () => Promise<number>) => Promise<void>;

function queueOptions(command: Command, job: boolean): Command {
  command.optionsGroup('Queue:').requiredOption('--queue <url>', QUEUE_HELP);
  return job ? command.requiredOption('--job <name>', 'job name (letters, digits, . _ -)') : command;
}

/**
 * The whole command line: one root program, `run` its default subcommand, and the scale-out
 * subcommands. Each action imports its module when it runs, so `--help` and `--version` load
 * no HTTP client, Redis driver or demo server. Option builders are shared between commands.
 */
export function buildProgram(io: CliIo, version: string, dispatch: Dispatch): Command {
  const root = new Command('fanout')
    .description('Fetch many URLs at once: concurrent, with retries and limits; one result per input.')
    .usage('[run] [options] [urls...]\n       fanout enqueue|worker|status|results|jobs|cancel [options]')
    .version(version, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander's messages echo arguments: control characters in them are shown escaped, never acted on.
      outputError: (message, write) => write(`fanout: ${terminalSafe(message.replace(/^error: /, '').trim())}\nRun 'fanout --help' for usage and examples.\n`),
    });

  const run = root
    .command('run', { isDefault: true })
    .description('fetch the inputs now and print one result each (the default command)')
    .argument('[urls...]', 'URLs to fetch');
  addInputOptions(run);
  addDemoOptions(run);
  addRequestOptions(run, true);
  addNetworkOptions(run);
  addSpeedOptions(run);
  addRunOptions(run);
  addOutputOptions(run);
  addBatchOptions(run);
  run.addHelpText('after', RUN_EXAMPLES).action((urls: string[], flags: RunCommandFlags) =>
    dispatch(async () => (await import('./commands/run.js')).runCommand(urls, flags, io)),
  );

  const enqueue = root
    .command('enqueue')
    .description('split the inputs into chunks of a BullMQ job on Redis (streamed: a 10M-line file is never whole in memory)')
    .argument('[urls...]', 'URLs to fetch');
  queueOptions(enqueue, true)
    .option('--chunk-size <n>', 'inputs per chunk', integer(1, 100_000), 500)
    .option('--max-waiting <chunks>', 'chunks waiting in Redis at most; beyond, enqueue feeds them as workers drain the queue', integer(1, 100_000), 20)
    .option('--ttl <seconds>', "how long a finished job's results and counters stay in Redis", integer(1, 315_360_000), 604_800);
  addInputOptions(enqueue, true);
  addRequestOptions(enqueue, false);
  enqueue.optionsGroup('Run (in the workers):');
  addLimitOptions(enqueue, true);
  addBodyOptions(enqueue);
  enqueue.action((urls: string[], flags: EnqueueFlags) => dispatch(async () => (await import('./commands/enqueue.js')).enqueueCommand(urls, flags, io)));

  const worker = root.command('worker').description('run chunks from the queue until SIGTERM/SIGINT (which lets the current chunk finish)');
  queueOptions(worker, false)
    .option('-c, --concurrency <n>', 'requests in flight in this worker', integer(1, 10_000), CORE_DEFAULTS.concurrency)
    .option('--lock-ms <ms>', "chunk lock; a dead worker's chunk is taken over after about this long", integer(500, 3_600_000), 30_000);
  addWorkerAuthOptions(worker);
  addNetworkOptions(worker);
  worker.action((flags: WorkerFlags) => dispatch(async () => (await import('./commands/worker.js')).workerCommand(flags, io)));

  const status = root.command('status').description('progress of a job: results so far, done/failed/in flight per worker');
  queueOptions(status, true).addOption(new Option('-o, --output <format>', 'text or json').choices(['text', 'json']).default('text'));
  status.action((flags: StatusFlags) => dispatch(async () => (await import('./commands/status.js')).statusCommand(flags, io)));

  const results = root.command('results').description("a job's results as NDJSON, one line per input: in input order, or with --follow as they are stored");
  queueOptions(results, true)
    .option('-f, --follow', 'stream results as workers store them, removing each from Redis once written; exits when the last is written')
    .action((flags: ResultsFlags) => dispatch(async () => (await import('./commands/results.js')).resultsCommand(flags, io)));

  const jobs = root.command('jobs').description('the jobs on the queue with their state and counts');
  queueOptions(jobs, false).addOption(new Option('-o, --output <format>', 'text or json').choices(['text', 'json']).default('text'));
  jobs.action((flags: JobsFlags) => dispatch(async () => (await import('./commands/jobs.js')).jobsCommand(flags, io)));

  const cancel = root.command('cancel').description("stop a job: workers take none of its chunks, its keys expire after its TTL");
  queueOptions(cancel, true).action((flags: CancelFlags) => dispatch(async () => (await import('./commands/cancel.js')).cancelCommand(flags, io)));

  root.addHelpText('after', () => `\nThe default command, run:\n${run.helpInformation().replace(/^Usage:.*\n\n[^\n]*\n/, '')}${RUN_EXAMPLES}\n${QUEUE_EXAMPLES}`);
  return root;
}

/**
 * Runs the fanout command line; resolves to the process exit code: 2 only for usage errors
 * (one line and a hint, never a stack trace), 1 for runtime failures.
 */
export async function runCli(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, version, async (run) => {
    code = await run();
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    // A message may echo an argument or a variable (a URL, -x, HTTPS_PROXY): credentials hidden,
    // control characters escaped. Loaded here: --help and --version do not load core.
    const { shownText } = await import('./render/terminal-safe.js');
    if (error instanceof UsageError) {
      io.stderr.write(`fanout: ${shownText(error.message)}\n${error.hint}\n`);
      return EXIT.usage;
    }
    if (error instanceof CliFailure) {
      io.stderr.write(`fanout: ${shownText(error.message)}\n`);
      return error.exitCode;
    }
    const { message, code: errorCode } = error as NodeJS.ErrnoException;
    io.stderr.write(`fanout: ${shownText(`${message ?? String(error)}${errorCode ? ` (${errorCode})` : ''}`)}\n`);
    return EXIT.failures;
  }
}
