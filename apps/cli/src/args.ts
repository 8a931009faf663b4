import { accessSync, constants, statSync } from 'node:fs';
import { TRANSPORT_NAMES, type TransportName } from '@fanout/core';
import { IdListError, parseIdList } from '@fanout/demo-upstream';
import { Command, CommanderError, Option } from 'commander';
import { integer, positive, share } from './option-parsers.js';
import { DEMO_IDS, LIVE_URL, type CliConfig, type Mode, type OutputFormat } from './config.js';
import { UsageError } from './usage-error.js';

const EXAMPLES = `
Examples:
  $ fanout                                   demo: posts 1-3, sequential vs concurrent
  $ fanout --ids 1-20 --concurrency 5 --output ndjson
  $ fanout --ids 1-100 --mode compare --latency 100
  $ fanout https://example.org/a https://example.org/b --retries 0
  $ fanout --file urls.txt --concurrency 32 --per-host 8 --rate 50 > results.ndjson
  $ cat urls.txt | fanout --file - --output ndjson --ordered
  $ fanout --ids 1-5 --fields title --live   (the real jsonplaceholder)
  $ fanout --file urls.txt --transport undici --output ndjson --quiet

Output: results on stdout (text, one JSON document, or one NDJSON line per input);
upstream line, progress and summary on stderr.
Exit codes: 0 all ok, 1 some requests failed, 2 usage error, 130 interrupted.

Scale-out on BullMQ/Redis (see 'fanout <command> --help'):
  $ fanout enqueue --queue redis://127.0.0.1:6379/0 --job crawl --file urls.txt --per-host-rate 10
  $ fanout worker --queue redis://127.0.0.1:6379/0 --concurrency 32      (on each machine)
  $ fanout status --queue redis://127.0.0.1:6379/0 --job crawl
  $ fanout results --queue redis://127.0.0.1:6379/0 --job crawl > results.ndjson`;

function httpUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${what} "${value}" is not a valid URL`, 'Give an absolute URL such as https://example.org/posts/1.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${what} "${value}" is not an http(s) URL`, 'Only http:// and https:// URLs can be fetched.');
  }
  return value;
}

function checkReadable(file: string): void {
  if (file === '-') return;
  try {
    accessSync(file, constants.R_OK);
    if (!statSync(file).isFile()) throw new Error('not a regular file');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot read --file ${file} (${reason})`, "Give a readable file with one URL a line, or '-' for stdin.");
  }
}

/** The command-line definition: flags, defaults and help text. */
export function buildProgram(version: string): Command {
  return new Command()
    .name('fanout')
    .description('Fetch many URLs at once: concurrent, with retries and limits; one result per input.')
    .version(version, '-V, --version')
    .argument('[urls...]', 'URLs to fetch')
    .option('--ids <list>', 'post ids against the upstream, e.g. 1-10,42')
    .option('--file <path>', "a file with one URL a line ('-' for stdin), streamed")
    .option('--base-url <url>', 'upstream for --ids (default: an embedded demo upstream)')
    .option('--live', `use the real ${LIVE_URL} as upstream`, false)
    .option('--latency <ms>', 'embedded upstream: latency per request', integer(0, 60_000), 150)
    .option('--fail-rate <p>', 'embedded upstream: share of requests that fail (0-1)', share, 0)
    .addOption(new Option('--mode <mode>', 'how to run the requests').choices(['concurrent', 'sequential', 'compare']))
    .option('-c, --concurrency <n>', 'requests in flight at once', integer(1, 10_000), 10)
    .option('--timeout <ms>', 'per-attempt timeout (headers and body)', integer(1, 3_600_000), 10_000)
    .option('--retries <n>', 'retries per request (idempotent methods; network errors, 408/429/5xx)', integer(0, 100), 2)
    .option('--per-host <n>', 'requests in flight to one host at once', integer(1, 10_000))
    .option('--rate <n>', 'at most this many requests per second', positive(1_000_000))
    .option('--per-host-rate <n>', 'at most this many requests per second to one host', positive(1_000_000))
    .option('--ordered', 'print results in input order (default: as they complete)', false)
    .option('--fields <list>', 'keep only these fields of each JSON response, e.g. title,body or user.name')
    .addOption(new Option('-o, --output <format>', 'result format on stdout').choices(['text', 'json', 'ndjson']).default('text'))
    .addOption(new Option('--transport <name>', 'HTTP client under the core').choices(TRANSPORT_NAMES).default('undici'))
    .option('-q, --quiet', 'print nothing on stderr but errors', false)
    .option('--no-progress', 'no progress bar, even on a terminal')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      outputError: (message, write) => write(`fanout: ${message.replace(/^error: /, '').trim()}\nRun 'fanout --help' for usage and examples.\n`),
    });
}

interface RawOptions {
  ids?: string;
  file?: string;
  baseUrl?: string;
  live: boolean;
  latency: number;
  failRate: number;
  mode?: Mode;
  concurrency: number;
  timeout: number;
  retries: number;
  perHost?: number;
  rate?: number;
  perHostRate?: number;
  ordered: boolean;
  fields?: string;
  output: OutputFormat;
  quiet: boolean;
  progress: boolean;
  transport: TransportName;
}

/**
 * Parses argv (without node and the script) into a validated config. Throws `UsageError` for
 * input commander accepts but fanout cannot use, and `CommanderError` for commander's own.
 */
export function parseArgs(argv: readonly string[], version: string): CliConfig {
  const program = buildProgram(version);
  program.parse([...argv], { from: 'user' });
  const raw = program.opts<RawOptions>();
  const urls = program.processedArgs[0] as string[];

  if (raw.live && raw.baseUrl) throw new UsageError('--live and --base-url both choose the upstream', 'Use one of them.');
  for (const url of urls) httpUrl(url, 'URL');
  if (raw.baseUrl !== undefined) httpUrl(raw.baseUrl, '--base-url');
  if (raw.file !== undefined) checkReadable(raw.file);
  let ids: number[] | undefined;
  if (raw.ids !== undefined) {
    try {
      ids = parseIdList(raw.ids);
    } catch (error) {
      if (error instanceof IdListError) throw new UsageError(`bad --ids "${raw.ids}": ${error.message}`, 'Write ids and ranges like --ids 1-10,42.');
      throw error;
    }
  }
  const fields = raw.fields?.split(',').map((f) => f.trim()).filter(Boolean);
  if (raw.fields !== undefined && !fields?.length) throw new UsageError('--fields is empty', 'Name fields like --fields title,body.');

  const demo = urls.length === 0 && ids === undefined && raw.file === undefined;
  const mode: Mode = raw.mode ?? (demo ? 'compare' : 'concurrent');
  if (mode === 'compare' && raw.file !== undefined) {
    throw new UsageError('--mode compare runs the inputs twice and cannot stream --file', 'Use URLs or --ids with --mode compare.');
  }
  return {
    urls,
    ids: demo ? DEMO_IDS : ids,
    file: raw.file,
    demo,
    upstream: raw.live
      ? { kind: 'url', url: LIVE_URL, live: true }
      : raw.baseUrl !== undefined
        ? { kind: 'url', url: raw.baseUrl.replace(/\/+$/, ''), live: false }
        : { kind: 'embedded', latency: raw.latency, failRate: raw.failRate },
    mode,
    concurrency: raw.concurrency,
    timeout: raw.timeout,
    retries: raw.retries,
    perHost: raw.perHost,
    rate: raw.rate,
    perHostRate: raw.perHostRate,
    ordered: raw.ordered,
    fields,
    output: raw.output,
    quiet: raw.quiet,
    progress: raw.progress,
    transport: raw.transport,
  };
}

export { CommanderError };
