import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http1, run } from '../http1/run.js';
import { useCertificates } from '../network/network-helpers.js';

// Debian's nginx; .ci/run installs it, so this runs in CI (as the bench's smoke test does).
const NGINX = ['/usr/sbin/nginx', ...(process.env.PATH ?? '').split(':').map((dir) => join(dir, 'nginx'))].find((file) => existsSync(file));

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const pem = useCertificates();
let nginx: ChildProcess | undefined;
let dir = '';
let url = '';

describe("HTTP/2 against Debian's nginx (listen … ssl http2)", () => {
  beforeAll(async () => {
    if (NGINX === undefined) throw new Error('nginx is not installed: apt-get install nginx-light (.ci/run installs it)');
    dir = mkdtempSync(join(tmpdir(), 'fanout-nginx-h2-'));
    writeFileSync(join(dir, 'server.crt'), pem.certs.serverCert);
    writeFileSync(join(dir, 'server.key'), pem.certs.serverKey);
    const port = await freePort();
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `${name}_temp_path ${dir}/${name};`).join(' ');
    writeFileSync(
      join(dir, 'nginx.conf'),
      `worker_processes 1; daemon off; pid ${dir}/nginx.pid; error_log stderr warn; events { worker_connections 256; }
http { access_log off; ${temp}
  server { listen 127.0.0.1:${port} ssl http2; ssl_certificate ${dir}/server.crt; ssl_certificate_key ${dir}/server.key;
    http2_max_concurrent_streams 16;
    location / { default_type text/plain; return 200 "$server_protocol $connection"; } } }
`,
    );
    nginx = spawn(NGINX as string, ['-c', join(dir, 'nginx.conf'), '-p', dir, '-e', 'stderr'], { stdio: 'ignore' });
    url = `https://127.0.0.1:${port}`;
    const probe = http1({ tls: { ca: pem.certs.caCert } });
    for (let tries = 0; ; tries++) {
      const [result] = await run([`${url}/ready`], probe);
      if (result?.ok || tries > 100) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    if (nginx !== undefined && nginx.exitCode === null) {
      const exited = once(nginx, 'exit');
      nginx.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('multiplexes: 200 requests at concurrency 16 on one connection, all HTTP/2', async () => {
    const urls = Array.from({ length: 200 }, (_, i) => `${url}/${i}`);
    const results = await run(urls, http1({ tls: { ca: pem.certs.caCert } }), { concurrency: 16 });
    const lines = results.map((result) => (result.ok ? String(result.data) : result.error.code));
    expect(lines.every((line) => line.startsWith('HTTP/2.0 '))).toBe(true);
    expect(new Set(lines).size).toBe(1);
  });

  it('past its 16 streams a connection, one more session', async () => {
    const urls = Array.from({ length: 200 }, (_, i) => `${url}/${i}`);
    const results = await run(urls, http1({ tls: { ca: pem.certs.caCert } }), { concurrency: 32 });
    const lines = results.map((result) => (result.ok ? String(result.data) : result.error.code));
    expect(lines.every((line) => line.startsWith('HTTP/2.0 '))).toBe(true);
    expect(new Set(lines).size).toBe(2);
  });

  it("httpVersion: '1.1' speaks HTTP/1.1 to it", async () => {
    const results = await run([`${url}/a`, `${url}/b`], http1({ tls: { ca: pem.certs.caCert }, httpVersion: '1.1' }), { concurrency: 1 });
    expect(results.map((result) => result.ok && String(result.data).split(' ')[0])).toEqual(['HTTP/1.1', 'HTTP/1.1']);
  });
});
