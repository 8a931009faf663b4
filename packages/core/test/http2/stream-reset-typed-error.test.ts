import { constants } from 'node:http2';
import { describe, expect, it } from 'vitest';
import { errorOf, http1, run, runOne } from '../http1/run.js';
import { useH2Server } from './h2-server.js';

let refusals = 0;
const ctx = useH2Server((req, res) => {
  if (req.url === '/internal') res.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
  else if (req.url === '/protocol') res.stream.close(constants.NGHTTP2_PROTOCOL_ERROR);
  else if (req.url === '/refused') {
    refusals++;
    res.stream.close(constants.NGHTTP2_REFUSED_STREAM);
  } else if (req.url === '/refused-once' && refusals++ === 0) res.stream.close(constants.NGHTTP2_REFUSED_STREAM);
  else res.end('fine');
});

describe('HTTP/2: a stream reset by the server (RST_STREAM)', () => {
  it('fails its request with a typed NetworkError; the session goes on carrying the others', async () => {
    const transport = http1({ tls: { ca: ctx.ca } });
    const { url } = ctx.server;
    const results = await run([`${url}/internal`, `${url}/protocol`, `${url}/ok`], transport, { concurrency: 3, circuitBreaker: false });

    expect(results.map(errorOf)).toEqual([{ name: 'NetworkError', code: 'ECONNRESET' }, { name: 'NetworkError', code: 'EPROTO' }, undefined]);
    const [internal, protocol] = results;
    expect(internal?.ok === false && internal.error.message).toMatch(/^GET https:\/\/127\.0\.0\.1:\d+\/internal: the server reset the HTTP\/2 stream \(INTERNAL_ERROR\)$/);
    expect(protocol?.ok === false && protocol.error.message).toMatch(/PROTOCOL_ERROR/);
    expect(ctx.server.sessions).toBe(1);
  });

  it('REFUSED_STREAM: sent again (the server did not process it), up to 4 times, then ECONNRESET', async () => {
    const transport = http1({ tls: { ca: ctx.ca } });
    refusals = 0;
    expect(await runOne(`${ctx.server.url}/refused-once`, transport)).toMatchObject({ ok: true, data: 'fine', attempts: 1 });
    expect(refusals).toBe(2);

    refusals = 0;
    const refused = await runOne(`${ctx.server.url}/refused`, transport);
    expect(errorOf(refused)).toEqual({ name: 'NetworkError', code: 'ECONNRESET' });
    expect(refused.ok === false && refused.error.message).toMatch(/REFUSED_STREAM/);
    expect(refusals).toBe(5);
  });
});
