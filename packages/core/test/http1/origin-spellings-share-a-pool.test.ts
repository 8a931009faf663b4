import { describe, expect, it } from 'vitest';
import { response, useRawServer } from './raw-server.js';
import { http1, run } from './run.js';

const ctx = useRawServer((socket, request) => socket.write(response(`body of ${request.target}`, [`X-Host: ${request.headers.host ?? ''}`])));

describe('http1: one origin written in several ways', () => {
  it('is one pool: the connections limit holds for it, and the Host header is the same', async () => {
    const { port } = ctx.server;
    // The scheme's case, the host as a decimal number and with zeros, a default-less port: one origin, http://127.0.0.1:port.
    const spellings = [`http://127.0.0.1:${port}`, `HTTP://127.0.0.1:${port}`, `http://2130706433:${port}`, `http://127.000.000.001:${port}`];
    const results = await run(spellings.map((origin, i) => `${origin}/${i}`), http1({ connections: 1 }), { concurrency: 4 });

    expect(results.map((result) => result.ok && result.data)).toEqual(['body of /0', 'body of /1', 'body of /2', 'body of /3']);
    expect(ctx.server.connections).toBe(1);
    expect(new Set(ctx.server.requests.map((request) => request.headers.host))).toEqual(new Set([`127.0.0.1:${port}`]));
  });
});
