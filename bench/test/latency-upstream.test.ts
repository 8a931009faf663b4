import { once } from 'node:events';
import { Agent, get } from 'node:http';
import { connect, type Socket } from 'node:net';
import { loadDataset } from '@fanout/demo-upstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLatencyUpstream, type LatencyUpstream } from '../src/latency-upstream.js';

const LATENCY_MS = 40;
const posts = loadDataset().json.posts;
let upstream: LatencyUpstream;
beforeAll(async () => {
  upstream = await startLatencyUpstream(LATENCY_MS);
});
afterAll(() => upstream.close());

interface Answer {
  status: number | undefined;
  type: string | undefined;
  body: string;
  elapsedMs: number;
  socket: Socket;
}

function fetchOver(agent: Agent, path: string): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    get(`${upstream.url}${path}`, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body, elapsedMs: performance.now() - started, socket: res.socket }));
    }).on('error', reject);
  });
}

// The scenario's ideal counts every request as taking L: an answer sooner would make it easier.
// Only a lower bound on the time is asserted (a busy machine makes answers later, never sooner).
describe('the latency-bound upstream', () => {
  it('answers /posts/N with the demo upstream JSON text, never sooner than L, on one kept-alive connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await fetchOver(agent, '/posts/1');
      const second = await fetchOver(agent, '/posts/100');
      expect({ status: first.status, type: first.type, body: first.body }).toEqual({ status: 200, type: 'application/json; charset=utf-8', body: posts.get(1) });
      expect(second.body).toBe(posts.get(100));
      expect(second.socket).toBe(first.socket);
      for (const answer of [first, second]) expect(answer.elapsedMs).toBeGreaterThanOrEqual(LATENCY_MS);
    } finally {
      agent.destroy();
    }
  });

  it('answers a path it does not serve with 404 and {}', async () => {
    const agent = new Agent({ keepAlive: false });
    const answer = await fetchOver(agent, '/users/1');
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 404, body: '{}' });
  });

  it('answers pipelined requests on one connection in the order they came', async () => {
    const { port } = new URL(upstream.url);
    const socket = connect(Number(port), '127.0.0.1');
    await once(socket, 'connect');
    socket.setEncoding('latin1');
    let text = '';
    socket.on('data', (chunk: string) => (text += chunk));
    socket.write('GET /posts/3 HTTP/1.1\r\nhost: x\r\n\r\nGET /posts/2 HTTP/1.1\r\nhost: x\r\n\r\n');
    const expected = [posts.get(3), posts.get(2)] as string[];
    await expect.poll(() => expected.every((body) => text.includes(body)), { timeout: 15_000 }).toBe(true);
    socket.destroy();
    expect(text.indexOf(expected[0] as string)).toBeLessThan(text.indexOf(expected[1] as string));
  });
});
