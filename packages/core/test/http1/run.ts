import { afterEach } from 'vitest';
import { fanout, http1Transport, type FanoutOptions, type FetchResult, type Http1TransportOptions, type RequestInput, type Transport } from '../../src/index.js';
import { byIndex, collect } from '../helpers.js';

const open: Transport[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((transport) => transport.close()));
});

/** A fresh http1 transport, closed after the test. */
export function http1(options: Http1TransportOptions = {}): Transport {
  const transport = http1Transport(options);
  open.push(transport);
  return transport;
}

/** Runs `inputs` on `transport` without retries (each result is one attempt), results in input order. */
export async function run(inputs: readonly RequestInput[], transport: Transport, options: FanoutOptions = {}): Promise<FetchResult[]> {
  return byIndex(await collect(fanout(inputs, { retry: 0, timeout: 30_000, responseType: 'text', ...options, transport })));
}

/** The one result of one request. */
export async function runOne(input: RequestInput, transport: Transport, options: FanoutOptions = {}): Promise<FetchResult> {
  const [result] = await run([input], transport, options);
  if (result === undefined) throw new Error('no result');
  return result;
}

/** The error of a failed result, for compact assertions. */
export function errorOf(result: FetchResult | undefined) {
  return result !== undefined && !result.ok ? { name: result.error.name, code: result.error.code } : undefined;
}
