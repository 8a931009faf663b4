/**
 * Yields the items of `source`, waiting for `ready()` before each one: a consumer's own
 * backpressure (a stream's `drain`) reaches the pulling of inputs, since RxJS has none.
 *
 * @example
 * fanout(paced(urls, () => whenWritable(res))).subscribe((r) => res.write(JSON.stringify(r) + '\n'));
 */
export async function* paced<T>(source: Iterable<T> | AsyncIterable<T>, ready: () => Promise<void> | undefined): AsyncGenerator<T> {
  for await (const item of source) {
    const wait = ready();
    if (wait !== undefined) await wait; // no turn of the microtask queue when there is no wait
    yield item;
  }
}
