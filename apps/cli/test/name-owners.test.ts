import { describe, expect, it } from 'vitest';
import { namesDifferByIndex } from '../src/batch/file-name.js';
import { NameClaims } from '../src/batch/name-claims.js';

describe('which input owns an --output-dir name', () => {
  it.each([
    ['{index}', true],
    ['{host}/{index}-{basename}', true],
    ['{basename}.{index}', true],
    ['page-{index}.html', true],
    ['{basename}', false],
    ['{host}/{basename}', false],
    ['{basename}{index}', false], // "a1" + 23 and "a12" + 3 are both "a123"
    ['{index}{basename}', false], // 1 + "23" and 12 + "3"
    ['{index}0', true], // a fixed suffix: strip it and the index is what is left
    ['x{basename}{index}0', false],
    ['{host}-{index}-{basename}', false],
  ])('%s differs by index: %s', (template, unique) => {
    expect(namesDifferByIndex(template)).toBe(unique);
  });

  it('the first claim of a name owns it, through table growth (200,000 names)', () => {
    const claims = new NameClaims();
    let free = 0;
    for (let i = 0; i < 200_000; i++) if (claims.claim(`name-${i}`, i) === i) free++;
    expect(free).toBe(200_000);
    for (let i = 0; i < 200_000; i += 997) expect(claims.claim(`name-${i}`, 500_000 + i)).toBe(i);
    expect(claims.claim('new', 900_000)).toBe(900_000);
  });
});
