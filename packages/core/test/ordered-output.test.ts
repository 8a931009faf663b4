import { describe, expect, it } from 'vitest';
import { fanout } from '../src/index.js';
import { useHeldServer, waitFor } from './held-server.js';

const held = useHeldServer();

const urls = () => [0, 1, 2, 3, 4].map((i) => `${held.server.url}/n/${i}`);
const FINISH_ORDER = [3, 1, 4, 2, 0];

describe('ordered output', () => {
  it('without `ordered`, emits in completion order', async () => {
    const emitted: number[] = [];
    const done = new Promise<void>((resolve) => fanout(urls(), { concurrency: 5 }).subscribe({ next: (r) => emitted.push(r.index), complete: resolve }));
    await waitFor(() => held.server.inFlight === 5);
    for (const [n, i] of FINISH_ORDER.entries()) {
      held.server.releaseOne(`/n/${i}`);
      await waitFor(() => emitted.length === n + 1);
    }
    await done;
    expect(emitted).toEqual(FINISH_ORDER);
  });

  it('with `ordered`, holds early finishers back and emits in input order', async () => {
    const emitted: number[] = [];
    const done = new Promise<void>((resolve) => fanout(urls(), { concurrency: 5, ordered: true }).subscribe({ next: (r) => emitted.push(r.index), complete: resolve }));
    await waitFor(() => held.server.inFlight === 5);
    for (const i of FINISH_ORDER.slice(0, -1)) held.server.releaseOne(`/n/${i}`);
    await waitFor(() => held.server.completed === 4 && held.server.inFlight === 1);
    expect(emitted).toEqual([]);
    held.server.releaseOne('/n/0');
    await done;
    expect(emitted).toEqual([0, 1, 2, 3, 4]);
  });
});
