import { expect, it } from 'vitest';
import { PooledInputs, SlotPool } from '../src/slot-pool.js';

it('a chunk that ends gives back every slot it holds and stops waiting; the other chunk then gets them', async () => {
  const pool = new SlotPool(3);
  let held = 0;
  const first = new PooledInputs(['a', 'b', 'c', 'd'], pool, (delta) => (held += delta));
  const second = new PooledInputs(['x', 'y'], pool, (delta) => (held += delta));
  const one = first[Symbol.asyncIterator]();
  const two = second[Symbol.asyncIterator]();
  expect((await Promise.all([one.next(), one.next(), one.next()])).map((step) => step.value)).toEqual(['a', 'b', 'c']);
  expect(held).toBe(3);

  // Both wait: the pool is empty. A result of the first hands its slot to the first waiter.
  const firstWaits = one.next();
  const secondWaits = two.next();
  first.done();
  expect((await firstWaits).value).toBe('d');
  // The first chunk ends (aborted) holding 3: they go back, the second's wait is served.
  first.close();
  expect((await secondWaits).value).toBe('x');
  expect((await two.next()).value).toBe('y');
  expect(held).toBe(2);
  expect(await one.next()).toEqual({ done: true, value: undefined });
  second.close();
  expect(held).toBe(0);
  // All 3 are free again.
  const third = new PooledInputs(['p', 'q', 'r'], pool);
  const three = third[Symbol.asyncIterator]();
  expect((await Promise.all([three.next(), three.next(), three.next()])).map((step) => step.value)).toEqual(['p', 'q', 'r']);
});

it('a chunk closed while it waits for a slot gets none, and takes none later', async () => {
  const pool = new SlotPool(1);
  const holder = new PooledInputs(['a'], pool);
  const waiter = new PooledInputs(['x'], pool);
  expect((await holder[Symbol.asyncIterator]().next()).value).toBe('a');
  const waits = waiter[Symbol.asyncIterator]().next();
  waiter.close();
  expect(await waits).toEqual({ done: true, value: undefined });
  holder.close();
  const next = new PooledInputs(['n'], pool);
  expect((await next[Symbol.asyncIterator]().next()).value).toBe('n');
});
