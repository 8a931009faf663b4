import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanout, serializeResult, type BodySink } from '../src/index.js';
import { byIndex, collect } from './helpers.js';
import { TRANSPORTS, transportFor } from './faults/fault-helpers.js';

const payload = Buffer.from('x'.repeat(200_000) + 'end');
let server: Server;
let base = '';
let resets = 0;
const BIG = Buffer.alloc(8 * 1024 * 1024, 'y');
/** An HTTP/1.0 server (python's http.server is one): the body, then the connection closes. */
let http10: TcpServer;
let http10Base = '';
beforeAll(async () => {
  http10 = createTcpServer((socket) => {
    socket.once('data', (request) => {
      const withLength = request.toString('latin1').startsWith('GET /length');
      socket.write(`HTTP/1.0 200 OK\r\n${withLength ? `Content-Length: ${BIG.length}\r\n` : ''}\r\n`);
      socket.end(BIG);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => http10.listen(0, '127.0.0.1', resolve));
  http10Base = `http://127.0.0.1:${(http10.address() as { port: number }).port}`;

  server = createServer((req, res) => {
    if (req.url === '/gzip') {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/octet-stream' }).end(gzipSync(payload));
    } else if (req.url === '/reset-once' && resets++ === 0) {
      res.writeHead(200, { 'content-length': payload.length });
      res.write(payload.subarray(0, 1000), () => res.socket?.resetAndDestroy());
    } else if (req.url === '/missing') {
      res.writeHead(404).end('no');
    } else {
      res.writeHead(200, { 'content-length': payload.length }).end(payload);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => http10.close(() => resolve()));
});

/** A sink into memory that logs what it was asked to do (`slow`: each write waits a tick, so the reader pauses). */
function memorySink(failOn?: (index: number) => boolean, slow = false) {
  const log: string[] = [];
  const sink: BodySink = ({ index, status }) => {
    if (failOn?.(index)) throw Object.assign(new Error(`ENOSPC: no space left on device, open 'out/${index}'`), { code: 'ENOSPC' });
    const chunks: Buffer[] = [];
    log.push(`open ${index} ${status}`);
    return {
      write: async (chunk) => {
        chunks.push(Buffer.from(chunk));
        if (slow) await new Promise((resolve) => setTimeout(resolve, 1));
      },
      close: async () => {
        const body = Buffer.concat(chunks);
        log.push(`close ${index}`);
        return { bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') };
      },
      abort: async () => void log.push(`abort ${index}`),
    };
  };
  return { sink, log };
}

const sha = createHash('sha256').update(payload).digest('hex');

describe.each(TRANSPORTS)('sink option (%s)', (transport) => {
  it('streams each 2xx body, decoded, into the sink; the record is the data and goes on the line instead of data', async () => {
    const { sink, log } = memorySink();
    const results = byIndex(await collect(fanout([`${base}/plain`, `${base}/gzip`, `${base}/missing`], { sink, transport: transportFor(transport), retry: 0 })));
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(results[0]?.ok && results[0].data).toEqual({ bytes: payload.length, sha256: sha });
    expect(results[1]?.ok && results[1].data).toEqual({ bytes: payload.length, sha256: sha });
    expect(log.sort()).toEqual(['close 0', 'close 1', 'open 0 200', 'open 1 200']); // no sink for the 404
    const line = serializeResult(results[1] as (typeof results)[number]);
    expect(line).toMatchObject({ index: 1, ok: true, status: 200, bytes: payload.length, sha256: sha });
    expect('data' in line).toBe(false);
  });

  it('a sink that cannot store (disk full) fails that item with SinkError ENOSPC, never the run', async () => {
    const { sink } = memorySink((index) => index === 1);
    const results = byIndex(await collect(fanout([`${base}/a`, `${base}/b`, `${base}/c`], { sink, transport: transportFor(transport) })));
    expect(results.map((r) => (r.ok ? 'ok' : `${r.error.name} ${r.error.code} ${r.attempts}`))).toEqual(['ok', 'SinkError ENOSPC 1', 'ok']);
    expect(!results[1]?.ok && results[1]?.error.message).toContain('ENOSPC: no space left on device');
  });

  it('a body cut midway aborts that attempt’s target, and the retry stores the whole body', async () => {
    resets = 0;
    const { sink, log } = memorySink();
    const [result] = await collect(fanout([`${base}/reset-once`], { sink, transport: transportFor(transport), retry: { backoff: { base: 1 } } }));
    expect(result?.ok && result.data).toEqual({ bytes: payload.length, sha256: sha });
    expect(result?.attempts).toBe(2);
    expect(log).toEqual(['open 0 200', 'abort 0', 'open 0 200', 'close 0']);
  });

  it('a slow sink on a connection the server closes after the body: whole bodies, no crash', async () => {
    const { sink } = memorySink(undefined, true);
    const results = byIndex(await collect(fanout([`${http10Base}/length`, `${http10Base}/no-length`], { sink, transport: transportFor(transport), maxBodyBytes: Infinity })));
    const expected = createHash('sha256').update(BIG).digest('hex');
    expect(results.map((r) => r.ok && r.data)).toEqual([
      { bytes: 8 * 1024 * 1024, sha256: expected },
      { bytes: 8 * 1024 * 1024, sha256: expected },
    ]);
  });

  it('maxBodyBytes still applies: past it the target is aborted with BodyTooLargeError', async () => {
    const { sink, log } = memorySink();
    const [result] = await collect(fanout([`${base}/gzip`], { sink, transport: transportFor(transport), maxBodyBytes: 1000 }));
    expect(!result?.ok && result?.error.code).toBe('EBODYTOOLARGE');
    expect(log).toEqual(['open 0 200', 'abort 0']);
  });
});
