import { connect, type TLSSocket } from 'node:tls';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginx, type NginxUpstream } from '../src/nginx-upstream.js';

let nginx: NginxUpstream;
beforeAll(async () => {
  nginx = await startNginx();
}, 60_000);
afterAll(() => nginx?.stop());

/** One TLS connection; resolves with whether it resumed `session` and the session to resume next time. */
function handshake(version: 'TLSv1.2' | 'TLSv1.3', session?: Buffer): Promise<{ reused: boolean; session: Buffer }> {
  const { port } = new URL(nginx.httpsUrl);
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port: Number(port), ca: readFileSync(nginx.caFile), minVersion: version, maxVersion: version, session };
    const socket: TLSSocket = connect(options);
    // A resumed session is known at the handshake; a new one's ticket may come after it
    // (TLS 1.3 sends it then): the 'session' event has it.
    socket.once('secureConnect', () => {
      if (!socket.isSessionReused()) return;
      resolve({ reused: true, session: session as Buffer });
      socket.end();
    });
    socket.once('session', (ticket: Buffer) => {
      if (socket.isSessionReused()) return;
      resolve({ reused: false, session: ticket });
      socket.end();
    });
    socket.once('error', reject);
  });
}

describe('the nginx upstream', () => {
  it('serves the posts as JSON over HTTP and HTTPS, keeps connections alive, and resumes TLS sessions', async () => {
    const agent = new Agent({ connections: 1, connect: { ca: readFileSync(nginx.caFile) } });
    let connections = 0;
    agent.on('connect', () => connections++);
    for (const base of [nginx.httpUrl, nginx.httpsUrl]) {
      for (const id of [1, 2, 100]) {
        const { statusCode, headers, body } = await request(`${base}/posts/${id}`, { dispatcher: agent });
        expect([statusCode, headers['content-type'], ((await body.json()) as { id: number }).id]).toEqual([200, 'application/json', id]);
      }
    }
    expect(connections).toBe(2); // one per origin, kept alive for all three requests
    await agent.close();

    for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
      const first = await handshake(version);
      expect(first.reused).toBe(false);
      expect((await handshake(version, first.session)).reused).toBe(true);
    }
  }, 60_000);
});

describe('the nginx upstream with HTTP/2 and connection counting (the HTTP/2 scenario)', () => {
  it('offers h2 by ALPN on the HTTPS server and counts the connections requests came on since the last call', async () => {
    const h2 = await startNginx(1, undefined, { http2: true, countConnections: true });
    try {
      const { port } = new URL(h2.httpsUrl);
      const alpn = await new Promise<string | false | null>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port: Number(port), ca: readFileSync(h2.caFile), ALPNProtocols: ['h2', 'http/1.1'] }, () => {
          resolve(socket.alpnProtocol);
          socket.end();
        }).once('error', reject);
      });
      expect(alpn).toBe('h2');
      expect(await h2.connectionsSinceLastCall()).toBe(0); // the handshake alone made no request

      const fetchPosts = async (agent: Agent, ids: number[]) => {
        const bodies = await Promise.all(ids.map(async (id) => (await (await request(`${h2.httpsUrl}/posts/${id}`, { dispatcher: agent })).body.json()) as { id: number }));
        expect(bodies.map((body) => body.id)).toEqual(ids);
        await agent.close();
      };
      const newAgent = () => new Agent({ allowH2: true, connections: 1, connect: { ca: readFileSync(h2.caFile) } });
      await fetchPosts(newAgent(), [1, 2, 3]);
      expect(await h2.connectionsSinceLastCall()).toBe(1);
      await fetchPosts(newAgent(), [4]);
      await fetchPosts(newAgent(), [5]);
      expect(await h2.connectionsSinceLastCall()).toBe(2);
    } finally {
      await h2.stop();
    }
  }, 60_000);
});
