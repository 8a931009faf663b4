import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runToExit } from '../run-to-exit.js';
import { response, useRawServer } from './raw-server.js';

const entry = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
// The server keeps every connection open: the client's idle socket stays in its pool.
const ctx = useRawServer((socket) => socket.write(response('{"ok":true}', ['Content-Type: application/json', 'Keep-Alive: timeout=600'])));

describe('http1: an idle keep-alive connection', () => {
  it('does not keep the process alive: a script that makes one request and never closes the transport exits by itself', async () => {
    const script = `
      const { fanout, http1Transport } = await import(${JSON.stringify(entry)});
      fanout([${JSON.stringify(`${ctx.server.url}/once`)}], { transport: http1Transport({ keepAliveTimeout: 600_000 }) })
        .subscribe((result) => console.log(JSON.stringify({ ok: result.ok, data: result.data })));
    `;
    const { exitCode, stdout, stderr } = await runToExit(script);

    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual({ ok: true, data: { ok: true } });
    // The connection was still open when the process left (nothing closed it but the exit).
    expect(ctx.server.requests).toHaveLength(1);
  });
});
