import type { FanoutError, FetchResult, RequestSpec } from '@fanout/core';
import { InputLineError } from '../errors/input-line-error.js';
import type { InputItem } from '../inputs/input-item.js';
import { inputUrl } from '../inputs/input-url.js';

/**
 * What the CLI needs back from a request's result, sent along as the request's `key` (core hands
 * it back unchanged on the result and on the sink's call): no map from core's `index` back to
 * the input is kept.
 */
export interface InputKey {
  /** The input's position (0-based) among all inputs read, skipped ones counted: its result's `index`. */
  readonly position: number;
  /** The `--file` line it came from (1-based). */
  readonly line?: number;
  /** Why it fails without being sent (a line that is no request, a file name an earlier input owns), and the URL its result shows. */
  readonly refusal?: { readonly error: FanoutError; readonly url: string };
  /** Its `--output-dir` file name, made when it was admitted. */
  readonly name?: string;
}

/** What the batch side says of an input: skip it (`false`), or send it with its file name, or fail it unsent with `error`. */
export type Admission = false | { readonly name?: string; readonly error?: FanoutError };

/** A result as the CLI has it: core's, with the key the CLI sent. */
export type KeyedResult = FetchResult<unknown, InputKey>;

/**
 * The requests of the `batches` that `admit` lets through, in order, each with its `InputKey`
 * (a refused input goes on as a request that fails at once, without being sent, and `ownResult`
 * gives it its own error), each handed on once `ready()` says the output can take more
 * (stdout's backpressure reaches the reading of inputs, since RxJS has none). One generator for
 * all of it: a layer of async iteration costs ~0.3 µs an input. `file` names `--file` in a bad
 * line's error.
 */
export async function* keyedRequests(
  batches: AsyncIterable<readonly InputItem[]>,
  file: string | undefined,
  admit: (item: InputItem, position: number) => Admission,
  ready: () => Promise<void> | undefined,
): AsyncGenerator<RequestSpec<InputKey>> {
  let position = 0;
  for await (const items of batches) {
    for (const item of items) {
      const at = position++;
      const admission = admit(item, at);
      if (admission === false) continue;
      const error = admission.error ?? (item.problem === undefined ? undefined : new InputLineError(file ?? '-', item.line ?? 0, item.problem));
      const key: InputKey = { position: at, line: item.line, name: admission.name, refusal: error && { error, url: inputUrl(item) } };
      const wait = ready();
      if (wait !== undefined) await wait; // no turn of the microtask queue when there is no wait
      yield error === undefined ? withKey(item, key) : { url: '', key };
    }
  }
}

function withKey({ input }: InputItem, key: InputKey): RequestSpec<InputKey> {
  if (typeof input === 'string') return { url: input, key };
  return input instanceof URL ? { url: input.href, key } : { ...input, key };
}

/** The result as the CLI shows it: its input's position as `index`, a refused input's own error and URL. */
export function ownResult(result: KeyedResult): KeyedResult {
  const key = result.key as InputKey;
  if (key.refusal !== undefined) {
    const { error, url } = key.refusal;
    return { index: key.position, key, url, ok: false, attempts: 0, timing: result.timing, error };
  }
  return result.index === key.position ? result : { ...result, index: key.position };
}
