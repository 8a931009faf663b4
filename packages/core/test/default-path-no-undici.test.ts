import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));

// In a child process: a resolve hook fails any import of undici, and no file of undici may be in
// require's cache after the run (its transport requires it). The default transport must follow
// redirects, go through an http proxy (absolute form and CONNECT) and stream bodies to a sink
// without it.
const hook = `export async function resolve(specifier, context, next) {
  if (specifier === 'undici' || specifier.startsWith('undici/')) throw new Error('undici was imported');
  return next(specifier, context);
}`;
const script = `
import { register } from 'node:module';
import { createServer, request } from 'node:http';
import { connect } from 'node:net';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
const { fanout } = await import(${JSON.stringify(entry)});
const { lastValueFrom, toArray } = await import('rxjs');
const origin = createServer((req, res) => {
  if (req.url === '/moved') res.writeHead(302, { location: '/file' }).end();
  else res.writeHead(200, { 'content-type': 'application/octet-stream' }).end('x'.repeat(100000));
});
let forwarded = 0;
const proxy = createServer((req, res) => {
  forwarded++;
  const target = new URL(req.url);
  const upstream = request({ host: target.hostname, port: target.port, path: target.pathname, method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  req.pipe(upstream);
});
proxy.on('connect', (req, socket) => socket.end('HTTP/1.1 403 Forbidden\\r\\n\\r\\n'));
await new Promise((resolve) => origin.listen(0, '127.0.0.1', resolve));
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const base = 'http://127.0.0.1:' + origin.address().port;
let bytes = 0;
const sink = () => ({ write: (chunk) => { bytes += chunk.length; }, close: async () => ({ bytes }), abort: async () => undefined });
const direct = await lastValueFrom(fanout([base + '/moved'], { followRedirects: true, sink }).pipe(toArray()));
process.env.HTTP_PROXY = 'http://127.0.0.1:' + proxy.address().port;
process.env.HTTPS_PROXY = process.env.HTTP_PROXY;
const proxied = await lastValueFrom(fanout([base + '/moved', 'https://127.0.0.1:1/x'], { followRedirects: true, retry: 0 }).pipe(toArray()));
const { createRequire } = await import('node:module');
const undiciLoaded = Object.keys(createRequire(import.meta.url).cache).filter((file) => file.includes('/node_modules/undici/')).length;
console.log(JSON.stringify({ direct: direct.map((r) => [r.ok, r.redirects, r.data]), proxied: proxied.sort((a, b) => a.index - b.index).map((r) => r.ok ? r.data.length : r.error.code), forwarded, undiciLoaded }));
origin.close();
proxy.close();
`;

describe('the default transport', () => {
  it('follows redirects, streams to a sink and goes through proxies without loading undici', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('..', import.meta.url)) });
    expect(JSON.parse(stdout)).toEqual({ direct: [[true, 1, { bytes: 100000 }]], proxied: [100000, 'EPROXY'], forwarded: 2, undiciLoaded: 0 });
  }, 30_000);
});
