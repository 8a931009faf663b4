import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { tmpFile } from './tmp-files.js';

/** The JSON text `/item/N` answers: escapes, non-ASCII, nesting, and enough of it to fill many writes. */
const bodyOf = (n: number) => JSON.stringify({ id: n, title: `é "quoted" \\ line\nnext ${'x'.repeat(300)}`, tags: ['a', n], nested: { ok: true, none: null } });

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const n = /^\/item\/(\d+)$/.exec(req.url ?? '')?.[1];
    if (n === undefined) res.writeHead(404, { 'content-type': 'text/plain' }).end('no such item');
    else res.writeHead(200, { 'content-type': 'application/json' }).end(bodyOf(Number(n)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const num = (value: unknown) => JSON.stringify(value as number);

describe('--output ndjson: each line byte for byte the contract of design.md, over many batched writes', () => {
  it('prints one whole line per input: fields in order, the body as sent, the --file line last', async () => {
    const count = 400; // ~180 KB of lines: several 64 KiB writes
    const file = tmpFile('urls.txt', ['# header comment', ...Array.from({ length: count }, (_, i) => (i === 7 ? `${base}/missing` : `${base}/item/${i}`)), ''].join('\n'));
    const { code, stdout } = await runCli(['--file', file, '-o', 'ndjson', '-c', '16', '--retries', '0']);
    expect(code).toBe(1);
    expect(stdout.endsWith('\n')).toBe(true);
    const lines = stdout.slice(0, -1).split('\n');
    expect(lines).toHaveLength(count);
    const seen = new Set<number>();
    for (const text of lines) {
      const line = JSON.parse(text) as Record<string, unknown>;
      const index = line.index as number;
      seen.add(index);
      const times = `"attempts":1,"ms":${num(line.ms)},"queuedMs":${num(line.queuedMs)},"wireMs":${num(line.wireMs)}`;
      const expected =
        index === 7
          ? `{"index":7,"url":"${base}/missing","ok":false,"status":404,${times},"error":${JSON.stringify(line.error)},"line":9}`
          : `{"index":${index},"url":"${base}/item/${index}","ok":true,"status":200,${times},"data":${bodyOf(index)},"line":${index + 2}}`;
      expect(text).toBe(expected);
    }
    expect(seen.size).toBe(count);
    expect(JSON.parse(lines.find((text) => text.startsWith('{"index":7,')) ?? '{}')).toMatchObject({ error: { name: 'HttpError', code: 'EHTTP' } });
  });
});
