import { startDemoUpstream } from '@fanout/demo-upstream';
import { describe, expect, it } from 'vitest';
import { fanout } from '../src/index.js';
import { collect } from './helpers.js';

describe('ordered output', () => {
  it('emits in input order although later requests finish first', async () => {
    const upstream = await startDemoUpstream();
    try {
      const slow = (ms: number) => `${upstream.url}/__fault/slow-headers?ms=${ms}`;
      const urls = [slow(120), slow(10), slow(60), slow(0), slow(30)];
      const unordered = await collect(fanout(urls, { concurrency: 5 }));
      const ordered = await collect(fanout(urls, { concurrency: 5, ordered: true }));
      expect(unordered.map((r) => r.index)).not.toEqual([0, 1, 2, 3, 4]);
      expect(ordered.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    } finally {
      await upstream.close();
    }
  });
});
