import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { response, useRawServer } from './raw-server.js';
import { http1, run } from './run.js';

const LIMIT = 3;
const TOTAL = 30;
const held: { socket: Socket; target: string }[] = [];
let answered = 0;
// Requests are held until LIMIT are (or all that remain): a client over its limit shows in maxOpen.
const ctx = useRawServer((socket, request) => {
  held.push({ socket, target: request.target });
  if (held.length >= Math.min(LIMIT, TOTAL - answered)) {
    for (const entry of held.splice(0)) {
      answered++;
      entry.socket.write(response(`body of ${entry.target}`));
    }
  }
});

describe('http1: the connections option', () => {
  it(`never has more than ${LIMIT} connections open to an origin, whatever the concurrency`, async () => {
    const { url } = ctx.server;
    const urls = Array.from({ length: TOTAL }, (_, i) => `${url}/${i}`);
    const results = await run(urls, http1({ connections: LIMIT }), { concurrency: 20 });

    expect(results.map((result) => result.ok && result.data)).toEqual(urls.map((_, i) => `body of /${i}`));
    expect(ctx.server.maxOpen).toBe(LIMIT);
    expect(ctx.server.connections).toBe(LIMIT);
  });
});
