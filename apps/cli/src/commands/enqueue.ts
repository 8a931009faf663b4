import type { RequestInput } from '@fanout/core';
import type { CliIo } from '../process/cli-io.js';
import type { InputItem } from '../inputs/input-item.js';
import { LIVE_URL } from '../options/config.js';
import { EXIT, signalExit, type StopSignal } from '../process/exit-codes.js';
import { inputBatches } from '../inputs/input-batches.js';
import type { InputFlags } from '../options/input-options.js';
import type { OutputFlags } from '../options/output-options.js';
import type { RequestFlags } from '../options/request-options.js';
import type { RunFlags } from '../options/run-options.js';
import { checkOneStdinReader, requestConfig } from '../options/request-config.js';
import { requestDefaults } from '../inputs/request-defaults.js';
import { fieldList, httpUrl, idList } from '../options/run-config.js';
import { CliFailure, UsageError } from '../errors/usage-error.js';
import { reportQueueError } from './queue-errors.js';

/** `fanout enqueue`'s flags. */
export type EnqueueFlags = InputFlags &
  RequestFlags &
  Pick<RunFlags, 'timeout' | 'retries' | 'rate' | 'perHostRate' | 'perHost'> &
  Pick<OutputFlags, 'fields' | 'body'> & { queue: string; job: string; chunkSize: number; maxWaiting: number; ttl: number };

const CREDENTIALS_HINT = 'Give credentials to the workers: fanout worker -H @FILE (or -u, --oauth2-bearer); they are never stored in Redis.';

async function* requests(
  batches: AsyncIterable<readonly InputItem[]>,
  file: string | undefined,
  credentialsIn: (input: RequestInput) => string | undefined,
): AsyncGenerator<RequestInput> {
  const where = (item: InputItem) => (item.line === undefined ? 'a URL argument' : `line ${item.line} of ${file === '-' ? 'stdin' : (file ?? '-')}`);
  for await (const items of batches) {
    for (const item of items) {
      if (item.problem !== undefined) throw new CliFailure(`${where(item)}: ${item.problem}; nothing after it was enqueued`);
      const credentials = credentialsIn(item.input);
      if (credentials !== undefined) throw new UsageError(`${where(item)}: ${credentials} would be stored in Redis; nothing from it on was enqueued`, CREDENTIALS_HINT);
      yield item.input;
    }
  }
}

/** `fanout enqueue`: the inputs, with the request flags, as chunks of a job on Redis. */
export async function enqueueCommand(urls: readonly string[], flags: EnqueueFlags, io: CliIo): Promise<number> {
  for (const url of urls) httpUrl(url, 'URL');
  let idUrls: string[] | undefined;
  if (flags.ids !== undefined) {
    if (flags.baseUrl === undefined && !flags.live) throw new UsageError('--ids needs --base-url (or --live): the workers must reach the upstream', 'Add --base-url http://HOST:PORT.');
    const ids = await idList(flags.ids);
    const base = flags.live ? LIVE_URL : httpUrl(flags.baseUrl ?? '', '--base-url').replace(/\/+$/, '');
    const { postUrl } = await import('@fanout/demo-upstream');
    idUrls = ids.map((id) => postUrl(base, id));
  }
  if (urls.length === 0 && idUrls === undefined && flags.file === undefined) throw new UsageError('nothing to enqueue', 'Give URLs, --ids or --file.');
  const request = requestConfig(flags);
  checkOneStdinReader(request, flags.file);
  const defaults = await requestDefaults(request, io.stdin);
  const { enqueueJob, credentialHeaderIn, credentialsIn } = await import('@fanout/queue');
  const secret = credentialHeaderIn(defaults.headers);
  if (secret !== undefined) throw new UsageError(`-H ${secret} would be stored in Redis`, CREDENTIALS_HINT);
  const items = inputBatches({ urls, idUrls, file: flags.file, stdin: io.stdin }, defaults);
  const stop = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const removeInterrupt = io.onInterrupt((signal) => {
    stoppedBy = signal;
    stop.abort();
  });
  try {
    const summary = await enqueueJob(flags.queue, flags.job, requests(items, flags.file, credentialsIn), {
      chunkSize: flags.chunkSize,
      maxWaiting: flags.maxWaiting,
      ttl: flags.ttl,
      timeout: flags.timeout,
      retries: flags.retries,
      rate: flags.rate,
      perHostRate: flags.perHostRate,
      perHost: flags.perHost,
      fields: fieldList(flags.fields),
      headers: defaults.headers,
      followRedirects: defaults.followRedirects,
      responseType: flags.body,
      signal: stop.signal,
      onWaitingForEnqueue: (ms) =>
        io.stderr.write(`fanout: another enqueue of job ${flags.job} was heard from ${(ms / 1000).toFixed(1)} s ago; waiting until it is lost (silent for 10 s) to resume the job\n`),
    });
    if (summary.stopped) {
      io.stderr.write(`fanout: enqueue of job ${summary.job} stopped after ${summary.total} inputs in ${summary.chunks} chunks; run the same command again to resume\n`);
      return signalExit(stoppedBy ?? 'SIGINT');
    }
    if (summary.alreadyEnqueued) {
      io.stderr.write(`fanout: job ${summary.job} was already enqueued: ${summary.total} inputs in ${summary.chunks} chunks; nothing to add\n`);
      return EXIT.ok;
    }
    if (summary.cancelled) {
      io.stderr.write(`fanout: job ${summary.job} was cancelled while enqueuing: ${summary.total} inputs in ${summary.chunks} chunks were added\n`);
      return EXIT.failures;
    }
    const resumed = summary.resumedFrom > 0 ? ` (resumed after ${summary.resumedFrom})` : '';
    io.stderr.write(`fanout: enqueued job ${summary.job}: ${summary.total} inputs in ${summary.chunks} chunks${resumed}\n`);
    return EXIT.ok;
  } catch (error) {
    const code = reportQueueError(error, io);
    if (code === undefined) throw error;
    return code;
  } finally {
    removeInterrupt();
  }
}
