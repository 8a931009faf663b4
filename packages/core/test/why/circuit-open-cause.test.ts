import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import { CircuitOpenError, fanout, serializeResult } from '../../src/index.js';
import { collect } from '../helpers.js';

/** A loopback port nothing listens on: connections are refused. */
async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

it('a circuit-open failure carries the failure that opened the circuit, in its message and as error.cause', async () => {
  const port = await refusedPort();
  const urls = Array.from({ length: 6 }, (_, i) => `http://127.0.0.1:${port}/${i}`);
  const results = await collect(fanout(urls, { concurrency: 1, retry: 0, circuitBreaker: { failures: 3, cooldown: 600_000 } }));
  const open = results.filter((r) => !r.ok && r.error instanceof CircuitOpenError);
  expect(open).toHaveLength(3);
  for (const result of open) {
    const line = JSON.parse(JSON.stringify(serializeResult(result))) as { error: { code: string; message: string; cause?: { name: string; code?: string; message: string } } };
    expect(line.error.code).toBe('ECIRCUITOPEN');
    expect(line.error.message).toContain('(last: ECONNREFUSED)');
    expect(line.error.cause).toMatchObject({ name: 'NetworkError', code: 'ECONNREFUSED' });
    expect(line.error.cause?.message).toMatch(/ECONNREFUSED/);
  }
});

it('the serialised HttpError carries the body excerpt the library keeps (error.body, at most 1024 characters and the cut mark)', async () => {
  const { HttpError } = await import('../../src/index.js');
  const small = new HttpError(422, { method: 'POST', url: 'http://x.test/w', body: '{"error":"invalid_widget"}' }).toJSON();
  expect(small).toMatchObject({ name: 'HttpError', code: 'EHTTP', status: 422, body: '{"error":"invalid_widget"}' });
  const big = new HttpError(500, { body: 'x'.repeat(5000) }).toJSON();
  expect(big.body).toBe(`${'x'.repeat(1024)}…`);
  expect('body' in new HttpError(404, { body: '' }).toJSON()).toBe(false);
});
