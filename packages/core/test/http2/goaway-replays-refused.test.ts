import { constants, type Http2Session, type ServerHttp2Stream } from 'node:http2';
import { describe, expect, it } from 'vitest';
import { http1, run } from '../http1/run.js';
import { startH2Server, type H2TestServer } from './h2-server.js';
import { useCertificates } from '../network/network-helpers.js';
import { afterEach } from 'vitest';

const pem = useCertificates();
let server: H2TestServer | undefined;
afterEach(() => server?.close());

/**
 * A server whose first session holds its first 20 streams, then sends GOAWAY naming the 10th as
 * the last it will process: it answers streams 1-10 and never the 10 after them (refused). Later
 * sessions answer at once.
 */
async function goawayServer(errorCode: number): Promise<{ server: H2TestServer; processed: () => number }> {
  let processed = 0;
  let goneAway = false;
  const held: ServerHttp2Stream[] = [];
  const started = await startH2Server({ key: pem.certs.serverKey, cert: pem.certs.serverCert }, (req, res) => {
    processed++;
    if (goneAway) {
      res.end('ok');
      return;
    }
    const stream = res.stream;
    const session = stream.session as Http2Session;
    held.push(stream);
    if (held.length < 20) return;
    goneAway = true;
    processed -= 10;
    const last = held[9] as ServerHttp2Stream;
    session.goaway(errorCode, last.id as number);
    for (const early of held.slice(0, 10)) {
      if (!early.destroyed) early.respond({ ':status': 200 }, { endStream: false });
      if (!early.destroyed) early.end('ok');
    }
    void req;
  });
  return { server: started, processed: () => processed };
}

describe('HTTP/2: GOAWAY', () => {
  it('streams past its last stream id are sent again on a new session: every input gets exactly one ok result', async () => {
    const { server: started, processed } = await goawayServer(constants.NGHTTP2_NO_ERROR);
    server = started;
    const urls = Array.from({ length: 40 }, (_, i) => `${started.url}/n/${i}`);
    // No retries: only the transport's own replay of refused streams can save the refused ones.
    const results = await run(urls, http1({ tls: { ca: pem.certs.caCert } }), { concurrency: 20 });

    expect(results.map((result) => result.index)).toEqual(urls.map((_, i) => i));
    expect(results.filter((result) => result.ok).map((result) => result.ok && result.attempts)).toEqual(urls.map(() => 1));
    expect(started.sessions).toBe(2);
    expect(processed()).toBe(40);
  });

  it('with an error code, the streams it had taken fail as a connection reset (ECONNRESET, in the default retry codes); the refused ones are sent again', async () => {
    const { server: started } = await goawayServer(constants.NGHTTP2_INTERNAL_ERROR);
    server = started;
    const urls = Array.from({ length: 40 }, (_, i) => `${started.url}/n/${i}`);
    const transport = http1({ tls: { ca: pem.certs.caCert } });
    // (No circuit breaker: ten resets in a row would open it for the rest.)
    const once = await run(urls, transport, { concurrency: 20, circuitBreaker: false });
    const failed = once.filter((result) => !result.ok);
    expect(failed).toHaveLength(10);
    expect(failed.map((result) => !result.ok && { name: result.error.name, code: result.error.code, message: result.error.message })).toEqual(
      failed.map(() => ({ name: 'NetworkError', code: 'ECONNRESET', message: expect.stringMatching(/^GET https:\/\/127\.0\.0\.1:\d+\/n\/\d+: the HTTP\/2 connection closed/) as unknown })),
    );
    expect(once.filter((result) => result.ok)).toHaveLength(30);
  });
});
