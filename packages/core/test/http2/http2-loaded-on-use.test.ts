import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const entry = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

// A plain-http run of the default transport loads neither node:http2 nor node:tls.
const script = `
const { createServer } = await import('node:net');
const core = await import(${JSON.stringify(entry)});
const loaded = () => process.moduleLoadList.filter((name) => /^NativeModule (http2|tls)$/.test(name)).map((name) => name.slice(13));
const server = createServer((socket) => socket.on('data', () => socket.end('HTTP/1.1 200 OK\\r\\ncontent-length: 2\\r\\n\\r\\nok')));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const transport = core.createTransport('http1');
const results = [];
await core.fanout(['http://127.0.0.1:' + server.address().port + '/'], { transport, responseType: 'text' }).forEach((result) => results.push(result.ok));
await transport.close();
server.close();
console.log(JSON.stringify({ results, loaded: loaded() }));
`;

describe('node:http2', () => {
  it('is not loaded by a plain-http run of the default transport', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
    expect(JSON.parse(stdout)).toEqual({ results: [true], loaded: [] });
  }, 30_000);
});
