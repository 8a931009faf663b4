import { describe, expect, it } from 'vitest';
import { response, useRawServer } from './raw-server.js';
import { http1, run } from './run.js';

// Every answer comes with a second, unasked-for response behind it in the same write.
const ctx = useRawServer((socket, request) => {
  socket.write(response(`body of ${request.target}`) + response('smuggled'));
});

describe('http1: bytes after the end of a response', () => {
  it('are never read as the next response: the connection is not reused', async () => {
    const { url } = ctx.server;
    const transport = http1({ connections: 1 });
    const results = await run([`${url}/1`, `${url}/2`, `${url}/3`], transport, { concurrency: 1 });

    expect(results.map((result) => result.ok && result.data)).toEqual(['body of /1', 'body of /2', 'body of /3']);
    expect(ctx.server.connections).toBe(3);
    expect(ctx.server.requests.map((request) => request.nth)).toEqual([1, 1, 1]);
  });
});
