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
