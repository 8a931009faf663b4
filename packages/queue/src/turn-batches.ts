/** One call waiting in a batch. */
interface Waiting<Item, Result> {
  readonly item: Item;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

/** The batches with calls waiting, flushed together at the end of the turn. */
const due = new Set<{ flush(): void }>();

function flushDue(): void {
  const batches = [...due];
  due.clear();
  for (const batch of batches) batch.flush();
}

/**
 * Gathers the calls made during one turn of the event loop (every I/O callback of a poll phase
 * and their promise jobs) and runs each key's calls as one batch when the turn ends
 * (`setImmediate`): one Redis script call for the many requests that start, or end, together,
 * instead of one each. A batch answers its calls in the order they were made; its failure
 * rejects every call of it. Calls made while a batch runs go into the next one. Every batch of
 * the turn is sent in the same tick (one write to Redis with its auto-pipelining), in the order
 * their first calls were made.
 */
export class TurnBatches<Item, Result> {
  private pending = new Map<string, Array<Waiting<Item, Result>>>();

  /** @param run runs one key's calls, in order; resolves to one result per call. */
  constructor(private readonly run: (key: string, items: readonly Item[]) => Promise<readonly Result[]>) {}

  /** Adds a call to `key`'s batch of this turn; resolves to its result. */
  add(key: string, item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      let batch = this.pending.get(key);
      if (batch === undefined) this.pending.set(key, (batch = []));
      batch.push({ item, resolve, reject });
      if (due.size === 0) setImmediate(flushDue);
      due.add(this);
    });
  }

  /** Runs the batches gathered so far (at the end of the turn). */
  flush(): void {
    const batches = this.pending;
    this.pending = new Map();
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
