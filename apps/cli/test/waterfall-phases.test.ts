import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { waterfall } from '../src/render/waterfall.js';

const c = pc.createColors(false);

/** The bar of a drawn request row. */
const bar = (line: string | undefined) => /#\d (.*) \d+ ms$/.exec(line ?? '')?.[1] ?? '';

describe("the waterfall draws an attempt's phases", () => {
  it('▒ until its new connection was ready, █ until the response began, ▓ while the body came; a reused connection has no ▒', () => {
    const drawn = waterfall(
      [
        { index: 0, ok: true, start: 0, end: 100, wire: [[0, 100, 40, 70]] },
        { index: 1, ok: true, start: 0, end: 100, wire: [[50, 100, NaN, 80]] },
      ],
      c,
      40,
    );
    const [fresh, reused] = drawn.split('\n').filter((line) => /^\s+#\d /.test(line)).map(bar);
    expect(fresh).toMatch(/^▒+█+▓+$/);
    const cells = (fresh ?? '').length;
    expect((fresh ?? '').indexOf('█') / cells).toBeCloseTo(0.4, 1);
    expect((fresh ?? '').indexOf('▓') / cells).toBeCloseTo(0.7, 1);
    expect(reused).toMatch(/^░+█+▓+$/);
    expect(drawn).toContain('▒ connecting');
    expect(drawn).toContain('▓ receiving the body');
  });

  it('leaves the legend of phases out when no attempt shows them', () => {
    const drawn = waterfall([{ index: 0, ok: true, start: 0, end: 100, wire: [[10, 100]] }], c, 40);
    expect(drawn).toContain('(░ waiting  █ on the wire)');
  });
});
