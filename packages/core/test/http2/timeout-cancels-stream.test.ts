import { describe, expect, it } from 'vitest';
import { fanout } from '../../src/index.js';
import { waitFor } from '../held-server.js';
import { collect } from '../helpers.js';
import { errorOf, http1, run, runOne } from '../http1/run.js';
import { useH2Server } from './h2-server.js';

// `/hang` never answers; `/big` sends 1 MB; the rest answer at once.
const ctx = useH2Server((req, res) => {
  if (req.url === '/hang') return;
  if (req.url === '/big') {
    res.end(Buffer.alloc(1024 * 1024, 97));
    return;
  }
  res.end('fine');
});

describe('HTTP/2: a request that ends early cancels its stream, not the session', () => {
  it('a timeout closes the stream (the server sees RST_STREAM CANCEL); the next request reuses the session', async () => {
    const transport = http1({ tls: { ca: ctx.ca } });
    const timedOut = await runOne(`${ctx.server.url}/hang`, transport, { timeout: 300 });
    expect(errorOf(timedOut)).toEqual({ name: 'TimeoutError', code: 'ETIMEDOUT' });
    await waitFor(() => ctx.server.cancelled === 1);

    expect(await runOne(`${ctx.server.url}/ok`, transport)).toMatchObject({ ok: true, data: 'fine' });
    expect(ctx.server.sessions).toBe(1);
  });

  it('an abort (the run unsubscribed) closes the stream', async () => {
    const transport = http1({ tls: { ca: ctx.ca } });
    const controller = new AbortController();
    const results = collect(fanout([`${ctx.server.url}/hang`], { transport, signal: controller.signal, retry: 0 }));
    await waitFor(() => ctx.server.liveSessions.size === 1 && ctx.server.versions['2.0'] === 1);
    controller.abort();
    const [result] = await results;
    expect(errorOf(result)).toEqual({ name: 'AbortError', code: 'EABORTED' });
    await waitFor(() => ctx.server.cancelled === 1);
  });

  it('a body over maxBodyBytes closes the stream; the session carries the next request', async () => {
    const transport = http1({ tls: { ca: ctx.ca } });
    const [tooBig, next] = await run([`${ctx.server.url}/big`, `${ctx.server.url}/ok`], transport, { maxBodyBytes: 100_000, concurrency: 1 });
    expect(errorOf(tooBig)).toEqual({ name: 'BodyTooLargeError', code: 'EBODYTOOLARGE' });
    expect(next).toMatchObject({ ok: true, data: 'fine' });
    expect(ctx.server.sessions).toBe(1);
  });
});
