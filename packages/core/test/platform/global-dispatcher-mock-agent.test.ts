import { createServer, type Server } from 'node:net';
import { getGlobalDispatcher, MockAgent, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fanout, type BodySink } from '../../src/index.js';
import { byIndex, collect } from '../helpers.js';

// A real port on which nothing may arrive: the mock must answer every request.
let connections = 0;
let guard: Server;
let origin = '';
beforeAll(async () => {
  guard = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => guard.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(guard.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => guard.close(() => resolve())));

let previous: Dispatcher;
afterEach(() => setGlobalDispatcher(previous));

function mockAgent(): MockAgent {
  previous = getGlobalDispatcher();
  const agent = new MockAgent();
  agent.disableNetConnect();
  setGlobalDispatcher(agent);
  return agent;
}

describe("undici's global dispatcher (setGlobalDispatcher), as fetch uses it", () => {
  it('the default transport sends through a MockAgent: answered by the intercepts, no connection made', async () => {
    const agent = mockAgent();
    const pool = agent.get(origin);
    pool.intercept({ path: '/posts/1', method: 'GET' }).reply(200, { id: 1 }, { headers: { 'content-type': 'application/json' } });
    pool.intercept({ path: '/posts/2', method: 'GET' }).reply(503, 'busy').times(1);
    pool.intercept({ path: '/posts/2', method: 'GET' }).reply(200, { id: 2 }, { headers: { 'content-type': 'application/json' } });
    const results = byIndex(await collect(fanout([`${origin}/posts/1`, `${origin}/posts/2`], { retry: { limit: 1, backoff: { base: 1, max: 1 } } })));

    expect(results).toMatchObject([
      { ok: true, status: 200, data: { id: 1 }, attempts: 1 },
      { ok: true, status: 200, data: { id: 2 }, attempts: 2 },
    ]);
    expect(connections).toBe(0);
    agent.assertNoPendingInterceptors();
  });

  it('redirects and sink downloads go through it too', async () => {
    const agent = mockAgent();
    const pool = agent.get(origin);
    pool.intercept({ path: '/old' }).reply(301, '', { headers: { location: '/file' } });
    pool.intercept({ path: '/file' }).reply(200, 'file body');
    let stored = '';
    const sink: BodySink = () => ({ write: (chunk) => void (stored += Buffer.from(chunk).toString()), close: async () => ({ bytes: stored.length }), abort: async () => undefined });
    const [result] = await collect(fanout([`${origin}/old`], { followRedirects: true, sink }));

    expect(result).toMatchObject({ ok: true, redirects: 1, finalUrl: `${origin}/file`, data: { bytes: 9 } });
    expect(stored).toBe('file body');
    expect(connections).toBe(0);
  });

  it('a request the mock does not know fails (net connect disabled), it never reaches the network', async () => {
    mockAgent();
    const [result] = await collect(fanout([`${origin}/unknown`], { retry: 0 }));
    expect(result).toMatchObject({ ok: false });
    expect(connections).toBe(0);
  });

  it('the plain Agent undici installs by itself is not a user setting: fanout keeps its own client', async () => {
    previous = getGlobalDispatcher();
    expect(previous.constructor.name).toBe('Agent');
    const [result] = await collect(fanout([`${origin}/x`], { retry: 0 }));
    // The guard server drops the connection: it was reached by fanout's own client.
    expect(result).toMatchObject({ ok: false, error: { name: 'NetworkError' } });
    expect(connections).toBe(1);
    connections = 0;
  });
});
