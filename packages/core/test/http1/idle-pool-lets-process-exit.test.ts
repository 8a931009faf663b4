import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../held-server.js';
import { response, useRawServer } from './raw-server.js';
import { childEnv } from '../child-env.js';

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
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let exitCode: number | null | undefined;
    child.on('exit', (code) => (exitCode = code));
    try {
      await waitFor(() => exitCode !== undefined, 30_000);
    } finally {
      child.kill();
    }

    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual({ ok: true, data: { ok: true } });
    // The connection was still open when the process left (nothing closed it but the exit).
    expect(ctx.server.requests).toHaveLength(1);
  });
});
