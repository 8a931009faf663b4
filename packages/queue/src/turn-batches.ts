/** One call waiting in a batch. */
interface Waiting<Item, Result> {
  readonly item: Item;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Gathers the calls made during one turn of the event loop (every I/O callback of a poll phase
 * and their promise jobs) and runs each key's calls as one batch when the turn ends
 * (`setImmediate`): one Redis script call for the many requests that start, or end, together,
 * instead of one each. A batch answers its calls in the order they were made; its failure
 * rejects every call of it. Calls made while a batch runs go into the next one.
 */
export class TurnBatches<Item, Result> {
  private pending = new Map<string, Array<Waiting<Item, Result>>>();
  private scheduled = false;

  /** @param run runs one key's calls, in order; resolves to one result per call. */
  constructor(private readonly run: (key: string, items: readonly Item[]) => Promise<readonly Result[]>) {}

  /** Adds a call to `key`'s batch of this turn; resolves to its result. */
  add(key: string, item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      let batch = this.pending.get(key);
      if (batch === undefined) this.pending.set(key, (batch = []));
      batch.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batches = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    for (const [key, batch] of batches) {
      this.run(
        key,
        batch.map((waiting) => waiting.item),
      ).then(
        (results) => batch.forEach((waiting, i) => waiting.resolve(results[i] as Result)),
        (error: unknown) => batch.forEach((waiting) => waiting.reject(error)),
      );
    }
  }
}
