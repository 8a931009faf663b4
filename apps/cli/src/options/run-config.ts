import { DEMO_IDS, DEMO_LATENCY, LIVE_URL, type Mode, type RunConfig, type UpstreamChoice } from './config.js';
import type { DemoFlags, InputFlags } from './input-options.js';
import type { NetworkFlags } from './network-options.js';
import type { OutputFlags } from './output-options.js';
import type { AuthFlags, RequestFlags } from './request-options.js';
import { SWEEP_CONCURRENCY, type RunFlags } from './run-options.js';
import { parseBatchOptions, type RawBatchOptions } from './batch-options.js';
import { checkReadable } from '../inputs/readable-file.js';
import { checkOneStdinReader, requestConfig } from './request-config.js';
import { UsageError } from '../errors/usage-error.js';

/** Every flag of `fanout run`, as commander parsed them. */
export type RunCommandFlags = InputFlags & DemoFlags & RequestFlags & AuthFlags & NetworkFlags & RunFlags & OutputFlags & RawBatchOptions;

/** Throws a `UsageError` unless `value` is an absolute http(s) URL. */
export function httpUrl(value: string, what: string, example = 'https://example.org/posts/1'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${what} "${value}" is not a valid URL`, `Give an absolute URL such as ${example}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${what} "${value}" is not an http(s) URL`, 'Only http:// and https:// URLs can be fetched.');
  }
  if (/\s/.test(value)) throw new UsageError(`${what} "${value}" contains whitespace`, 'Encode spaces in a URL as %20.');
  return value;
}

/** `--ids` as a list of post ids; a `UsageError` says what is wrong with it. */
export async function idList(text: string): Promise<number[]> {
  const { IdListError, parseIdList } = await import('@fanout/demo-upstream');
  try {
    return parseIdList(text);
  } catch (error) {
    if (error instanceof IdListError) throw new UsageError(`bad --ids "${text}": ${error.message}`, 'Write ids and ranges like --ids 1-10,42.');
    throw error;
  }
}

/** `--fields title,body` as a list (undefined when not given). */
export function fieldList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const fields = text.split(',').map((f) => f.trim()).filter(Boolean);
  if (fields.length === 0) throw new UsageError('--fields is empty', 'Name fields like --fields title,body.');
  return fields;
}

function upstream(flags: InputFlags & DemoFlags, external: boolean): UpstreamChoice {
  if (flags.live && flags.baseUrl !== undefined) throw new UsageError('--live and --base-url both choose the upstream', 'Use one of them.');
  const shaped = [flags.latency !== undefined && '--latency', flags.failRate !== undefined && '--fail-rate'].filter(Boolean).join(' and ');
  if (shaped !== '' && external) {
    const other = flags.live ? '--live' : flags.baseUrl !== undefined ? '--base-url' : 'URLs or --file';
    throw new UsageError(`${shaped} ${shaped.includes(' and ') ? 'shape' : 'shapes'} the embedded demo upstream, which ${other} does not use`, `Drop ${shaped}, or use --ids without --base-url/--live.`);
  }
  if (flags.live) return { kind: 'url', url: LIVE_URL, live: true };
  if (flags.baseUrl !== undefined) return { kind: 'url', url: httpUrl(flags.baseUrl, '--base-url').replace(/\/+$/, ''), live: false };
  return { kind: 'embedded', latency: flags.latency ?? DEMO_LATENCY, failRate: flags.failRate ?? 0 };
}

/**
 * Checks `fanout run`'s flags and arguments and builds its config. Throws `UsageError` for
 * input commander accepts but fanout cannot use.
 */
export async function runConfig(urls: readonly string[], flags: RunCommandFlags): Promise<RunConfig> {
  for (const url of urls) httpUrl(url, 'URL');
  if (flags.file !== undefined && flags.file !== '-') checkReadable(flags.file, '--file');
  const ids = flags.ids === undefined ? undefined : await idList(flags.ids);
  const demo = urls.length === 0 && ids === undefined && flags.file === undefined;
  const choice = upstream(flags, flags.live === true || flags.baseUrl !== undefined || (ids === undefined && !demo));
  const request = requestConfig(flags);
  checkOneStdinReader(request, flags.file);
  const mode: Mode = flags.mode ?? (demo ? 'compare' : 'concurrent');
  // A sweep reads --file whole (it runs the list once per level); compare stays on URLs and ids.
  if (mode === 'compare' && flags.file !== undefined) {
    throw new UsageError('--mode compare runs the inputs twice and cannot stream --file', 'Use URLs or --ids with --mode compare, or --mode sweep with --file.');
  }
  if (flags.concurrency === 'auto' && (mode === 'compare' || mode === 'sweep')) {
    throw new UsageError(`--concurrency auto cannot be used with --mode ${mode}`, `--mode ${mode} runs fixed levels; use --concurrency N (or --mode concurrent with auto).`);
  }
  if (flags.key !== undefined && flags.cert === undefined) throw new UsageError('--key needs --cert', 'Give the client certificate with --cert FILE.');
  for (const [flag, file] of [['--cacert', flags.cacert], ['--cert', flags.cert], ['--key', flags.key]] as const) if (file !== undefined) checkReadable(file, flag);
  if (flags.proxy !== undefined) httpUrl(flags.proxy, '--proxy', 'http://proxy.example.org:3128');
  const speedFlag = flags.speedLimit !== undefined ? '--speed-limit' : flags.speedTime !== undefined ? '--speed-time' : undefined;
  if (speedFlag !== undefined && flags.outputDir === undefined) throw new UsageError(`${speedFlag} applies to --output-dir downloads`, 'A body read into memory is bounded by --timeout; add --output-dir DIR.');
  return {
    urls,
    ids: demo ? DEMO_IDS : ids,
    file: flags.file,
    demo,
    upstream: choice,
    request,
    network: { transport: flags.transport, proxy: flags.proxy, noproxy: flags.noproxy, insecure: flags.insecure ?? false, cacert: flags.cacert, cert: flags.cert, key: flags.key, speedLimit: flags.speedLimit, speedTime: flags.speedTime, 'http1.1': flags['http1.1'] },
    mode,
    concurrency: flags.concurrency ?? (mode === 'sweep' ? SWEEP_CONCURRENCY : undefined),
    timeout: flags.timeout,
    deadline: flags.deadline,
    retries: flags.retries,
    retryOn: flags.retryOn,
    retryBudget: flags.retryBudget,
    perHost: flags.perHost,
    rate: flags.rate,
    perHostRate: flags.perHostRate,
    ordered: flags.ordered ?? false,
    timeline: flags.timeline ?? false,
    fields: fieldList(flags.fields),
    body: flags.body,
    output: flags.output,
    quiet: flags.quiet ?? false,
    progress: flags.progress,
    include: flags.include ?? false,
    okStatus: flags.okStatus,
    transport: flags.transport,
    batch: parseBatchOptions(flags, mode),
  };
}
