import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const entry = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

// A run with no tracer provider registered must not load @opentelemetry/api (installed here as a
// dev dependency, so it could be found), nor publish anything.
const script = `
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
const { fanout } = await import(${JSON.stringify(entry)});
const { lastValueFrom, toArray } = await import('rxjs');
const server = createServer((req, res) => res.end('ok'));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const results = await lastValueFrom(fanout(['http://127.0.0.1:' + server.address().port + '/'], {}).pipe(toArray()));
server.close();
const otel = Object.keys(createRequire(import.meta.url).cache).filter((file) => file.includes('@opentelemetry')).length;
console.log(JSON.stringify({ ok: results[0].ok, otel }));
`;

describe('tracing off', () => {
  it('with no tracer provider, @opentelemetry/api is never loaded', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    expect(JSON.parse(stdout)).toEqual({ ok: true, otel: 0 });
  }, 30_000);
});
