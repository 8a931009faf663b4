import { describe, expect, it } from 'vitest';
import { IdListError, parseIdList } from '../src/index.js';

describe('parseIdList', () => {
  it('expands ranges and lists in the order given', () => {
    expect(parseIdList('1-3,7, 5')).toEqual([1, 2, 3, 7, 5]);
  });
  it.each([
    ['', /empty/],
    ['abc', /"abc" is not an id/],
    ['5-1', /goes backwards; write 1-5/],
    ['0', /start at 1/],
    ['1-200', /at most 100/],
  ])('rejects %j with a readable reason', (text, reason) => {
    expect(() => parseIdList(text, 100)).toThrow(IdListError);
    expect(() => parseIdList(text, 100)).toThrow(reason);
  });
});
