import { describe, expect, it } from 'vitest';
import { useEchoServer } from './echo-server.js';
import { ndjson, runCli } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

const echo = useEchoServer();

/** Runs fanout against the echo server; returns what the server received for the one request. */
async function send(args: string[], stdin?: string) {
  const before = echo.server.received.length;
  const run = await runCli([`${echo.server.url}/things`, '-o', 'ndjson', ...args], { stdin });
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.code).toBe(0);
  expect(echo.server.received).toHaveLength(before + 1);
  const received = echo.server.received[before];
  const line = ndjson(run.stdout)[0];
  if (!received || !line) throw new Error('no request or no result');
  return { received, line };
}

describe('request method and body (curl names)', () => {
  it('-X sets the method, and --method is its alias', async () => {
    expect((await send(['-X', 'DELETE'])).received.method).toBe('DELETE');
    expect((await send(['--method', 'put'])).received.method).toBe('PUT');
  });

  it('-d STRING sends the body and makes the method POST, form-encoded like curl', async () => {
    const { received, line } = await send(['-d', 'a=1&b=2']);
    expect(received).toMatchObject({ method: 'POST', body: 'a=1&b=2' });
    expect(received.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(line).toMatchObject({ ok: true, status: 200, data: { method: 'POST', body: 'a=1&b=2' } });
  });

  it('-d @FILE and -d @- read the body from a file and from stdin; -X still wins', async () => {
    const file = tmpFile('body.txt', 'from a file\nsecond line');
    expect((await send(['-d', `@${file}`])).received.body).toBe('from a file\nsecond line');
    const fromStdin = await send(['-d', '@-', '-X', 'PUT'], 'from stdin');
    expect(fromStdin.received).toMatchObject({ method: 'PUT', body: 'from stdin' });
  });

  it('--json STRING|@FILE sends JSON with Content-Type and Accept JSON', async () => {
    const inline = await send(['--json', '{"draft":true}']);
    expect(inline.received).toMatchObject({ method: 'POST', body: '{"draft":true}' });
    expect(inline.received.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
    const file = tmpFile('body.json', '{"n":2}');
    expect((await send(['--json', `@${file}`, '-X', 'PATCH'])).received).toMatchObject({ method: 'PATCH', body: '{"n":2}' });
  });

  it('-H overrides the content type that -d implies', async () => {
    const { received } = await send(['-d', '<x/>', '-H', 'Content-Type: application/xml']);
    expect(received.headers['content-type']).toBe('application/xml');
  });
});
