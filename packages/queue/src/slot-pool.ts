import type { RequestInput } from '@fanout/core';

/** A waiter for a slot, and whose it is. */
interface Waiter {
  readonly owner: object;
  readonly resolve: (granted: boolean) => void;
}

/**
 * A worker's requests in flight, shared by the chunks it runs at once: `size` slots, handed
 * to waiters in the order they asked. A worker runs the next chunk while the current one
 * drains, and the two together never have more than `size` requests in flight.
 */
export class SlotPool {
  private free: number;
  private readonly waiters: Waiter[] = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  /** Resolves `true` once `owner` holds a slot; `false` if {@link SlotPool.cancel} came first. */
  take(owner: object): Promise<boolean> {
    if (this.free > 0 && this.waiters.length === 0) {
      this.free--;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => this.waiters.push({ owner, resolve }));
  }

  /** Gives `n` slots back (to the first waiters, if any). */
  give(n = 1): void {
    for (let i = 0; i < n; i++) {
      const waiter = this.waiters.shift();
      if (waiter) waiter.resolve(true);
      else this.free = Math.min(this.size, this.free + 1);
    }
  }

  /** `owner` waits no more: its waits resolve `false`. */
  cancel(owner: object): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i] as Waiter;
      if (waiter.owner !== owner) continue;
      this.waiters.splice(i, 1);
      waiter.resolve(false);
    }
  }
}

/**
 * One chunk's inputs, pulled only as slots of `pool` are taken (the core pulls an input when its
 * own window has room): the chunk gives a slot back with each result ({@link PooledInputs.done})
 * and all it holds when it ends ({@link PooledInputs.close}).
 */
export class PooledInputs implements AsyncIterable<RequestInput> {
  private held = 0;
  private closed = false;

  constructor(
    private readonly inputs: readonly RequestInput[],
    private readonly pool: SlotPool,
    /** Called as a slot is taken (+1) or given back (-1). */
    private readonly onHeld: (delta: 1 | -1) => void = () => undefined,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RequestInput> {
    let next = 0;
    return {
      next: async (): Promise<IteratorResult<RequestInput>> => {
        if (this.closed || next >= this.inputs.length) return { done: true, value: undefined };
        const index = next++;
        if (!(await this.pool.take(this))) return { done: true, value: undefined };
        if (this.closed) {
          this.pool.give();
          return { done: true, value: undefined };
        }
        this.held++;
        this.onHeld(1);
        return { done: false, value: this.inputs[index] as RequestInput };
      },
      return: async (): Promise<IteratorResult<RequestInput>> => {
        this.close();
        return { done: true, value: undefined };
      },
    };
  }

  /** One input's result came out: its slot goes back. */
  done(): void {
    if (this.held === 0) return;
    this.held--;
    this.onHeld(-1);
    this.pool.give();
  }

  /** The chunk ended: its waits end, and every slot it holds goes back. */
  close(): void {
    this.closed = true;
    this.pool.cancel(this);
    const held = this.held;
    this.held = 0;
    for (let i = 0; i < held; i++) this.onHeld(-1);
    this.pool.give(held);
  }
}
