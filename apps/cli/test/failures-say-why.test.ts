import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { expect, it } from 'vitest';
import { ndjson, runCli } from './run-cli.js';

/** A loopback port nothing listens on. */
async function refusedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

it('ndjson: a dead host circuit-open lines carry the failure that opened it (error.cause)', async () => {
  const port = await refusedPort();
  const urls = Array.from({ length: 8 }, (_, i) => `http://127.0.0.1:${port}/${i}`);
  const run = await runCli([...urls, '--output', 'ndjson', '--concurrency', '1', '--retries', '0', '--no-progress']);
  expect(run.code).toBe(1);
  const lines = ndjson(run.stdout) as Array<{ error: { code: string; cause?: { name: string; code?: string; message: string } } }>;
  expect(lines).toHaveLength(8);
  const open = lines.filter((l) => l.error.code === 'ECIRCUITOPEN');
  expect(open.length).toBeGreaterThan(0);
  for (const line of open) expect(line.error.cause).toMatchObject({ name: 'NetworkError', code: 'ECONNREFUSED', message: expect.stringContaining('ECONNREFUSED') });
}, 30_000);

it('ndjson: an HTTP error line carries the body excerpt (error.body)', async () => {
  const server = createServer((_req, res) => res.writeHead(422, { 'content-type': 'application/json' }).end('{"error":"invalid_widget"}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    const run = await runCli([`http://127.0.0.1:${port}/w`, '--output', 'ndjson', '--no-progress']);
    expect(run.code).toBe(1);
    const [line] = ndjson(run.stdout) as Array<{ status: number; error: { code: string; body?: string } }>;
    expect(line).toMatchObject({ status: 422, error: { code: 'EHTTP', body: '{"error":"invalid_widget"}' } });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}, 30_000);
