import { describe, expect, it } from 'vitest';
import { fanout } from '../../core/src/index.js';
import { axiosTransport } from '../src/index.js';
import { startSplitBodyServer } from '../../core/test/split-body-server.js';
import { collect } from '../../core/test/helpers.js';

describe('timeline with axios: first byte per attempt, no connect', () => {
  it('marks when the response began, inside the attempt, and leaves connect out', async () => {
    const server = await startSplitBodyServer();
    const { url } = server;
    const transport = axiosTransport();
    try {
      const [result] = await collect(fanout([`${url}/a`], { transport, timeline: true }));
      const span = result?.timeline?.attempts[0];
      if (!span) throw new Error(`expected an attempt span: ${JSON.stringify(result)}`);
      expect(result?.ok).toBe(true);
      expect(span.connected).toBeUndefined();
      expect(span.start).toBeLessThanOrEqual(span.firstByte ?? -Infinity);
      expect(span.firstByte).toBeLessThanOrEqual(span.end);
    } finally {
      await transport.close();
      await server.close();
    }
  });
});
