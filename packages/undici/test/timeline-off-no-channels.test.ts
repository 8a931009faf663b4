import { channel } from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { fanout } from '../../core/src/index.js';
import { undiciTransport } from '../src/index.js';
import { collect } from '../../core/test/helpers.js';
import { startSplitBodyServer } from '../../core/test/split-body-server.js';

describe('without timeline, nothing listens to undici', () => {
  it('subscribes to undici’s diagnostics channels only once a run asks for a timeline', async () => {
    const sendHeaders = channel('undici:client:sendHeaders');
    const connected = channel('undici:client:connected');
    const server = await startSplitBodyServer();
    const transport = undiciTransport();
    try {
      const plain = await collect(fanout([`${server.url}/a`, `${server.url}/b`], { transport }));
      expect(plain.every((r) => r.ok && r.timeline === undefined)).toBe(true);
      expect([sendHeaders.hasSubscribers, connected.hasSubscribers]).toEqual([false, false]);

      const timed = await collect(fanout([`${server.url}/c`], { timeline: true, transport }));
      expect(timed[0]?.timeline?.attempts[0]?.firstByte).toBeDefined();
      expect([sendHeaders.hasSubscribers, connected.hasSubscribers]).toEqual([true, true]);
    } finally {
      await transport.close();
      await server.close();
    }
  });
});
