import { Writable } from 'node:stream';
import { CircuitOpenError, NetworkError, type FanoutError, type FetchResult } from '@fanout/core';
import pc from 'picocolors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Output } from '../src/output/output.js';
import { textRenderer } from '../src/output/text-renderer.js';
import { startEchoServer, type EchoServer } from './echo-server.js';
import { runCli } from './run-cli.js';

function failed(error: FanoutError, url = 'http://example.test/x'): FetchResult {
  return { ok: false, index: 0, url, attempts: 0, error, timing: { start: 0, end: 0, ms: 0, queuedMs: 0, wireMs: 0 } };
}

async function rendered(result: FetchResult): Promise<string> {
  let text = '';
  const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => ((text += chunk.toString()), done()) });
  const out = new Output(stream);
  textRenderer(out, pc.createColors(false)).result(result);
  await out.flush();
  return text;
}

describe('text output says why a request failed', () => {
  let server: EchoServer;
  beforeAll(async () => (server = await startEchoServer()));
  afterAll(() => server.close());

  it("shows an HTTP error's body excerpt under its line", async () => {
    const run = await runCli(['--retries', '0', `${server.url}/status/422`]);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    const at = lines.findIndex((line) => line.includes('Request failed with status 422'));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines[at + 1]).toMatch(/^ {2}body: \{"method":"GET","path":"\/status\/422"/);
  });

  it('keeps a long error body to one bounded line', async () => {
    const { HttpError } = await import('@fanout/core');
    const text = await rendered(failed(new HttpError(500, { method: 'GET', url: 'http://example.test/x', body: `<html>\n${'x'.repeat(5000)}</html>` })));
    const body = text.split('\n').find((line) => line.startsWith('  body: '));
    expect(body).toBeDefined();
    expect(body?.length).toBeLessThanOrEqual(2 + 'body: '.length + 300);
    expect(body).toMatch(/^ {2}body: <html> x+…$/);
  });

  it('shows the failure that opened a circuit: its code and message', async () => {
    const error = new CircuitOpenError('nohost.invalid', 5, 1000);
    // The failure that opened it, as core attaches it (the error's standard `cause`).
    Object.defineProperty(error, 'cause', { value: new NetworkError('ENOTFOUND', 'getaddrinfo ENOTFOUND nohost.invalid') });
    const text = await rendered(failed(error));
    expect(text).toContain('CircuitOpenError ECIRCUITOPEN');
    expect(text).toContain('\n  cause: ENOTFOUND getaddrinfo ENOTFOUND nohost.invalid\n');
  });

  it('does not repeat a cause that says what the message says', async () => {
    const error = new NetworkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) });
    expect(await rendered(failed(error))).not.toContain('cause:');
  });
});
