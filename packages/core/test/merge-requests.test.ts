import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { mergeRequests } from '../src/operators/merge-requests.js';

/** Work whose results the test hands out: one pending promise per started input. */
function controlledWork() {
  const pending = new Map<number, (result: string) => void>();
  const started: { input: string; index: number; queuedMs: number }[] = [];
  return {
    started,
    pending,
    start: (input: string, index: number, arrivedAt: number, startedAt: number) => {
      started.push({ input, index, queuedMs: startedAt - arrivedAt });
      return new Promise<string>((resolve) => pending.set(index, resolve));
    },
    finish(index: number) {
      pending.get(index)?.(`result ${index}`);
      pending.delete(index);
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('mergeRequests: mergeMap for work that gives one value', () => {
  it('keeps at most `concurrency` in progress, starts buffered inputs in arrival order, completes after the last result', async () => {
    const work = controlledWork();
    const inputs = new Subject<string>();
    const results: string[] = [];
    let completed = false;
    inputs.pipe(mergeRequests(work.start, 2, () => undefined)).subscribe({ next: (r) => results.push(r), complete: () => (completed = true) });

    for (const input of ['a', 'b', 'c', 'd']) inputs.next(input);
    inputs.complete();
    expect(work.started.map((s) => s.input)).toEqual(['a', 'b']);

    work.finish(1);
    await settle();
    expect(results).toEqual(['result 1']);
    expect(work.started.map((s) => s.input)).toEqual(['a', 'b', 'c']);

    work.finish(0);
    work.finish(2);
    await settle();
    expect(work.started.map((s) => `${s.input}${s.index}`)).toEqual(['a0', 'b1', 'c2', 'd3']);
    expect(completed).toBe(false);

    work.finish(3);
    await settle();
    expect(results).toEqual(['result 1', 'result 0', 'result 2', 'result 3']);
    expect(completed).toBe(true);
  });

  it('takes results given at once without nesting a call per input (100,000 of them)', () => {
    const results: number[] = [];
    const inputs = new Subject<number>();
    inputs.pipe(mergeRequests((input: number) => input * 2, 1, () => undefined)).subscribe((r) => results.push(r));
    for (let i = 0; i < 100_000; i++) inputs.next(i);
    expect(results).toHaveLength(100_000);
    expect(results[99_999]).toBe(199_998);
  });

  it('aborts the work in progress when unsubscribed, and passes on nothing that comes after', async () => {
    const work = controlledWork();
    const results: string[] = [];
    let aborts = 0;
    const inputs = new Subject<string>();
    const subscription = inputs.pipe(mergeRequests(work.start, 2, () => aborts++)).subscribe((r) => results.push(r));
    inputs.next('a');

    subscription.unsubscribe();
    expect(aborts).toBe(1);
    work.finish(0);
    await settle();
    expect(results).toEqual([]);
  });

  it('does not abort when nothing is in progress', () => {
    let aborts = 0;
    new Subject<string>().pipe(mergeRequests(controlledWork().start, 2, () => aborts++)).subscribe().unsubscribe();
    expect(aborts).toBe(0);
  });

  it('errors when the source errors or `start` throws', () => {
    const errors: unknown[] = [];
    const inputs = new Subject<string>();
    inputs
      .pipe(
        mergeRequests(
          (input: string) => {
            if (input === 'bad') throw new TypeError('bad input');
            return input;
          },
          4,
          () => undefined,
        ),
      )
      .subscribe({ error: (error: unknown) => errors.push(error) });
    inputs.next('bad');
    expect(errors).toEqual([new TypeError('bad input')]);
  });

  it('errors when a promise of a result rejects', async () => {
    const errors: unknown[] = [];
    const inputs = new Subject<string>();
    inputs.pipe(mergeRequests(() => Promise.reject(new RangeError('broken')), 4, () => undefined)).subscribe({ error: (error: unknown) => errors.push(error) });
    inputs.next('a');
    await settle();
    expect(errors).toEqual([new RangeError('broken')]);
  });
});
