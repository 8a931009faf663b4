import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runToExit } from '../run-to-exit.js';
import { useH2Server } from './h2-server.js';

const entry = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const ctx = useH2Server((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));

describe('HTTP/2: an idle session', () => {
  it('does not keep the process alive: a script that makes one request and never closes the transport exits by itself', async () => {
    const script = `
      const { fanout, http1Transport } = await import(${JSON.stringify(entry)});
      const transport = http1Transport({ keepAliveTimeout: 600_000, tls: { ca: ${JSON.stringify(ctx.ca)} } });
      fanout([${JSON.stringify(`${ctx.server.url}/once`)}], { transport })
        .subscribe((result) => console.log(JSON.stringify({ ok: result.ok, data: result.data })));
    `;
    const { exitCode, stdout, stderr } = await runToExit(script);

    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual({ ok: true, data: { ok: true } });
    expect(ctx.server.sessions).toBe(1);
    expect(ctx.server.versions).toEqual({ '2.0': 1 });
  });
});
