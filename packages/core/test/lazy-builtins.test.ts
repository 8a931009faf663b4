import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { childEnv } from './child-env.js';

const run = promisify(execFile);
const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));

// Node's HTTP, TLS and compression modules cost ~10 ms at start-up together; core loads each
// where it is used: a plain-HTTP run of the default transport needs none of them, and naming the
// axios transport imports @fanout/axios (and with it node:http…) only when it sends.
const script = `
const core = await import(${JSON.stringify(entry)});
const loaded = () => process.moduleLoadList.filter((name) => /^NativeModule (http|https|tls|zlib)$/.test(name)).map((name) => name.slice(13));
const atImport = loaded();
core.createTransport('http1', { tls: { rejectUnauthorized: true } });
const afterHttp1 = loaded();
core.createTransport('axios');
console.log(JSON.stringify({ atImport, afterHttp1, afterNamingAxios: loaded().sort() }));
`;

describe('importing @fanout/core', () => {
  it('loads node:http, node:https, node:tls and node:zlib only when something uses them', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: childEnv() });
    expect(JSON.parse(stdout)).toEqual({ atImport: [], afterHttp1: [], afterNamingAxios: [] });
  }, 30_000);
});
