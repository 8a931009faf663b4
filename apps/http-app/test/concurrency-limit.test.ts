import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { getJson, useAppOn } from './app-fixture.js';
import { postId, sendPost } from './test-upstream.js';

// The upstream holds requests until `expected` of them are waiting (or all the call's ids have
// come), then answers them together: whether the app keeps its limit does not depend on speed.
const gate = { expected: 1, total: 0, received: 0, inFlight: 0, maxInFlight: 0 };
let waiting: Array<() => void> = [];
const ctx = useAppOn((req, res: ServerResponse) => {
  gate.received++;
  gate.inFlight++;
  gate.maxInFlight = Math.max(gate.maxInFlight, gate.inFlight);
  res.on('close', () => gate.inFlight--);
  waiting.push(() => sendPost(res, postId(req)));
  if (waiting.length === gate.expected || gate.received === gate.total) {
    const release = waiting;
    waiting = [];
    for (const send of release) send();
  }
});

function expectAtOnce(expected: number, total: number): void {
  Object.assign(gate, { expected, total, received: 0, inFlight: 0, maxInFlight: 0 });
}

describe('how many upstream requests a call has in flight', () => {
  it('concurrent mode: up to `concurrency`, never more', async () => {
    expectAtOnce(3, 7);
    const { body } = await getJson(`${ctx.url}/api/posts?ids=1-7&concurrency=3`);
    expect(body.summary).toMatchObject({ ok: 7 });
    expect(gate.maxInFlight).toBe(3);
  });

  it('sequential mode: one at a time, whatever `concurrency` says', async () => {
    expectAtOnce(1, 5);
    const { body } = await getJson(`${ctx.url}/api/posts?ids=1-5&mode=sequential&concurrency=5`);
    expect(body.summary).toMatchObject({ ok: 5 });
    expect(gate.maxInFlight).toBe(1);
  });
});
