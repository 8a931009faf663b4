import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { PerTurn } from '../src/output/per-turn.js';

describe('PerTurn: results handled together once per event-loop turn', () => {
  it('handles the items pushed in one turn together, in order, after that turn', async () => {
    const handled: number[][] = [];
    let batch: number[] = [];
    const perTurn = new PerTurn((item: number) => batch.push(item));
    const close = () => {
      if (batch.length > 0) handled.push(batch);
      batch = [];
    };
    perTurn.push(1);
    perTurn.push(2);
    perTurn.push(3);
    expect(handled).toEqual([]); // nothing yet: the turn is not over
    await nextTurn();
    close();
    perTurn.push(4);
    await nextTurn();
    close();
    expect(handled).toEqual([[1, 2, 3], [4]]);
  });

  it('flush() handles what is waiting at once, and the scheduled turn then finds nothing', async () => {
    const handled: string[] = [];
    const perTurn = new PerTurn((item: string) => handled.push(item));
    perTurn.push('a');
    perTurn.push('b');
    perTurn.flush();
    expect(handled).toEqual(['a', 'b']);
    await nextTurn();
    expect(handled).toEqual(['a', 'b']);
  });

  it('an item pushed while the waiting ones are handled waits for the next turn', async () => {
    const handled: string[] = [];
    const perTurn: PerTurn<string> = new PerTurn((item: string) => {
      handled.push(item);
      if (item === 'first') perTurn.push('late');
    });
    perTurn.push('first');
    await nextTurn();
    expect(handled).toEqual(['first']);
    await nextTurn();
    expect(handled).toEqual(['first', 'late']);
  });
});
