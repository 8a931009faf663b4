import type { FetchResult, RequestInput } from '@fanout/core';
import type { InputItem } from './config.js';
import { InputLineError } from './input-line-error.js';

/**
 * Remembers, for the inputs in flight, which `--file` line each came from (results carry only
 * their index), and turns the result of a line that is no request into an `InputLineError`.
 * Holds an entry from the pull of an input to its result: bounded by the concurrency window.
 */
export class InputLedger {
  private pulled = 0;
  private readonly lines = new Map<number, InputItem>();

  constructor(private readonly file: string | undefined) {}

  /**
   * The requests of the `items` that `admit` lets through, in order, noting the line of each
   * (one generator for both: a layer of async iteration costs ~0.3 µs an input).
   */
  async *requests(items: AsyncIterable<InputItem>, admit: (item: InputItem) => boolean = () => true): AsyncGenerator<RequestInput> {
    for await (const item of items) {
      if (!admit(item)) continue;
      const index = this.pulled++;
      if (item.line !== undefined) this.lines.set(index, item);
      yield item.input;
    }
  }

  /** The result with the failure of a bad line, and the line it came from (and forgets it). */
  settle(result: FetchResult): { result: FetchResult; line?: number } {
    const item = this.lines.get(result.index);
    if (item === undefined) return { result };
    this.lines.delete(result.index);
    if (item.problem === undefined) return { result, line: item.line };
    const error = new InputLineError(this.file ?? '-', item.line ?? 0, item.problem);
    return { result: { index: result.index, url: result.url, ok: false, attempts: 0, timing: result.timing, error }, line: item.line };
  }
}
