import type { RequestInput } from '@fanout/core';
import type { CliIo } from '../cli-io.js';
import { LIVE_URL, type InputItem } from '../config.js';
import { EXIT } from '../exit-codes.js';
import { inputBatches } from '../inputs.js';
import type { InputFlags } from '../options/input-options.js';
import type { OutputFlags } from '../options/output-options.js';
import type { RequestFlags } from '../options/request-options.js';
import type { RunFlags } from '../options/run-options.js';
import { checkOneStdinReader, requestConfig } from '../request/request-config.js';
import { requestDefaults } from '../request/request-defaults.js';
import { fieldList, httpUrl, idList } from '../run-config.js';
import { CliFailure, UsageError } from '../usage-error.js';
import { reportQueueError } from './queue-errors.js';

/** `fanout enqueue`'s flags. */
export type EnqueueFlags = InputFlags &
  RequestFlags &
  Pick<RunFlags, 'timeout' | 'retries' | 'rate' | 'perHostRate' | 'perHost'> &
  Pick<OutputFlags, 'fields' | 'body'> & { queue: string; job: string; chunkSize: number; maxWaiting: number; ttl: number };

/** Header names that carry credentials: stored in Redis if enqueued, so they go to `worker`. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

async function* requests(batches: AsyncIterable<readonly InputItem[]>, file: string | undefined): AsyncGenerator<RequestInput> {
  for await (const items of batches) {
    for (const item of items) {
      if (item.problem !== undefined) throw new CliFailure(`line ${item.line ?? 0} of ${file === '-' ? 'stdin' : (file ?? '-')}: ${item.problem}; nothing after it was enqueued`);
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
  const secret = Object.keys(defaults.headers).find((name) => SECRET_HEADERS.has(name));
  if (secret !== undefined) throw new UsageError(`-H ${secret} would be stored in Redis`, 'Give credentials to the workers: fanout worker -H @FILE (or -u, --oauth2-bearer).');
  const { enqueueJob } = await import('@fanout/queue');
  const items = inputBatches({ urls, idUrls, file: flags.file, stdin: io.stdin }, defaults);
  try {
    const summary = await enqueueJob(flags.queue, flags.job, requests(items, flags.file), {
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
    });
    if (summary.cancelled) {
      io.stderr.write(`fanout: job ${summary.job} was cancelled while enqueuing: ${summary.total} inputs in ${summary.chunks} chunks were added\n`);
      return EXIT.failures;
    }
    io.stderr.write(`fanout: enqueued job ${summary.job}: ${summary.total} inputs in ${summary.chunks} chunks\n`);
    return EXIT.ok;
  } catch (error) {
    const code = reportQueueError(error, io);
    if (code === undefined) throw error;
    return code;
  }
}
