import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { waterfall } from '../src/render/waterfall.js';

const c = pc.createColors(false);

describe('the waterfall draws opening a connection apart from the rest of the attempt', () => {
  it('▒ from an attempt’s start until its new connection was ready, █ after; a reused connection is all █', () => {
    const drawn = waterfall(
      [
        { index: 0, ok: true, start: 0, end: 100, wire: [[0, 100, 40]] },
        { index: 1, ok: true, start: 0, end: 100, wire: [[50, 100]] },
      ],
      c,
      40,
    );
    const [fresh, reused] = drawn.split('\n').filter((line) => /^\s+#\d /.test(line));
    const bar = (line: string | undefined) => /#\d (.*) \d+ ms$/.exec(line ?? '')?.[1] ?? '';
    expect(bar(fresh)).toMatch(/^▒+█+$/);
    expect(bar(fresh).indexOf('█') / bar(fresh).length).toBeCloseTo(0.4, 1);
    expect(bar(reused)).toMatch(/^░+█+$/);
    expect(drawn).toContain('▒ connecting');
  });
});
