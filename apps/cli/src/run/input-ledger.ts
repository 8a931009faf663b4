import type { FanoutError, FetchResult, RequestInput } from '@fanout/core';
import { inputUrl } from '../inputs/input-url.js';
import type { InputItem } from '../inputs/input-item.js';
import { InputLineError } from '../errors/input-line-error.js';

/**
 * Remembers, for the inputs in flight, which `--file` line each came from (results carry only
 * their index), and turns the result of a line that is no request into an `InputLineError`.
 * Holds an entry from the pull of an input to its result: bounded by the concurrency window.
 */
export class InputLedger {
  private pulled = 0;
  private readonly lines = new Map<number, InputItem>();
  /** Inputs `admit` failed without a fetch, and why. */
  private readonly refused = new Map<number, { item: InputItem; error: FanoutError }>();

  constructor(private readonly file: string | undefined) {}

  /**
   * The requests of the `batches` that `admit` lets through, in order, noting the line of each
   * (an input it answers with an error goes on as a request that fails at once, then gets that error),
   * each handed on once `ready()` says the output can take more (stdout's backpressure reaches
   * the reading of inputs, since RxJS has none). One generator for all of it: a layer of async
   * iteration costs ~0.3 µs an input.
   */
  async *requests(
    batches: AsyncIterable<readonly InputItem[]>,
    admit: (item: InputItem) => boolean | FanoutError = () => true,
    ready: () => Promise<void> | undefined = () => undefined,
  ): AsyncGenerator<RequestInput> {
    for await (const items of batches) {
      for (const item of items) {
        const admission = admit(item);
        if (admission === false) continue;
        const index = this.pulled++;
        if (item.line !== undefined) this.lines.set(index, item);
        if (admission !== true) this.refused.set(index, { item, error: admission });
        const wait = ready();
        if (wait !== undefined) await wait; // no turn of the microtask queue when there is no wait
        yield admission === true ? item.input : { url: '' };
      }
    }
  }

  /** The result with the failure of a bad line, and the line it came from (and forgets it). */
  settle(result: FetchResult): { result: FetchResult; line?: number } {
    const refused = this.refused.get(result.index);
    if (refused !== undefined) {
      this.refused.delete(result.index);
      this.lines.delete(result.index);
      const { item, error } = refused;
      return { result: { index: result.index, url: inputUrl(item), ok: false, attempts: 0, timing: result.timing, error }, line: item.line };
    }
    const item = this.lines.get(result.index);
    if (item === undefined) return { result };
    this.lines.delete(result.index);
    if (item.problem === undefined) return { result, line: item.line };
    const error = new InputLineError(this.file ?? '-', item.line ?? 0, item.problem);
    return { result: { index: result.index, url: result.url, ok: false, attempts: 0, timing: result.timing, error }, line: item.line };
  }
}
