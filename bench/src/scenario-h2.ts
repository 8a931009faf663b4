// HTTP/2 side by side: nginx `listen … ssl http2`, N requests at -c C, whole processes; the
// connections each contender opened are counted at nginx (its `$connection` serial per request).
// node bench/dist/scenario-h2.js [--requests 20000] [--concurrency 64] [--rounds 5] [--pools 'JSON;JSON'] [--undici-only]
// --pools: p-map + undici once per pool setting (JSON Agent options besides allowH2); ratios are
// taken against the fastest of them (its best pool settings). --undici-only: those alone.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, loadDataset } from '@fanout/demo-upstream';
import { runMeasured } from './measured-process.js';
import { benchScript, FANOUT_BIN } from './paths.js';
import { median } from './stats.js';
import { systemCommand } from './system-command.js';
import { makeTestCertificate } from './test-certificate.js';
import { writeUrlFile } from './url-file.js';
import { waitUntilServing } from './wait-until-serving.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '20000' }, concurrency: { type: 'string', default: '64' }, rounds: { type: 'string', default: '5' }, pools: { type: 'string', default: '{};{"connections":1,"pipelining":100}' }, 'undici-only': { type: 'boolean', default: false } } });
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);

interface H2Contender {
  readonly name: string;
  readonly args: (file: string) => string[];
  readonly env?: NodeJS.ProcessEnv;
  /** The CLI writes one line per input; scripts print their counts last. */
  readonly cli?: boolean;
}

const UNDICI = 'p-map + undici (allowH2)';
const undiciWith = (pool: string): H2Contender => ({ name: `${UNDICI} ${pool}`, args: (file) => [benchScript('contenders/p-map-undici-h2'), file, String(concurrency)], env: { BENCH_UNDICI_POOL: pool } });
const undici = values.pools.split(';').map(undiciWith);
const contenders: H2Contender[] = [
  ...undici,
  ...(values['undici-only']
    ? []
    : [
        { name: '@fanout/core (defaults)', args: (file: string) => [benchScript('contenders/fanout-defaults'), file, String(concurrency)] },
        { name: 'fanout -o ndjson', cli: true, args: (file: string) => [FANOUT_BIN, '-o', 'ndjson', '--file', file, '-c', String(concurrency)] },
      ]),
];

const nginx = systemCommand('nginx', 'nginx');
const dir = mkdtempSync(join(tmpdir(), 'fanout-bench-h2-'));
chmodSync(dir, 0o755);
const root = join(dir, 'root');
mkdirSync(join(root, 'posts'), { recursive: true });
for (const [id, json] of loadDataset().json.posts) writeFileSync(join(root, 'posts', String(id)), json);
const { certFile, keyFile } = makeTestCertificate(dir);
const httpPort = await freePort();
let h2Port = await freePort();
while (h2Port === httpPort) h2Port = await freePort();
const log = join(dir, 'connections.log');
const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${name}_temp_path ${dir}/temp-${name};`).join('\n');
writeFileSync(
  join(dir, 'nginx.conf'),
  `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/json;
  sendfile on;
  tcp_nodelay on;
  keepalive_timeout 65s;
  keepalive_requests 1000000;
  open_file_cache max=1000 inactive=60s;
  log_format conn '$connection';
${temp}
  server { listen 127.0.0.1:${httpPort}; root ${root}; }
  server {
    listen 127.0.0.1:${h2Port} ssl http2;
    root ${root};
    access_log ${log} conn buffer=64k flush=1s;
    ssl_certificate ${certFile};
    ssl_certificate_key ${keyFile};
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:bench:1m;
    ssl_session_tickets on;
  }
}
`,
);
const server = spawn(nginx, ['-c', join(dir, 'nginx.conf'), '-p', dir, '-e', 'stderr'], { stdio: ['ignore', 'ignore', 'inherit'] });
let exit: string | undefined;
server.once('exit', (code) => (exit = `nginx exited with ${code}`));
await waitUntilServing(`http://127.0.0.1:${httpPort}/posts/1`, () => exit);
const urlFile = await writeUrlFile(join(dir, 'urls.txt'), `https://127.0.0.1:${h2Port}`, requests);

/** Distinct connections nginx logged since the last call (its log is flushed when nginx reopens it: USR1). */
async function connectionsUsed(): Promise<number> {
  server.kill('SIGUSR1');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  truncateSync(log, 0);
  return new Set(lines).size;
}

const samples = new Map<string, { wallMs: number; cpuMs: number; ok: boolean; connections: number }[]>(contenders.map((c) => [c.name, []]));
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < contenders.length; i++) {
    const contender = contenders[(i + round) % contenders.length] as H2Contender;
    await connectionsUsed();
    const run = await runMeasured(contender.args(urlFile), { env: { ...process.env, NODE_EXTRA_CA_CERTS: certFile, ...contender.env }, stdout: 'file' });
    const ok = contender.cli ? run.exitCode === 0 && run.stdoutLines === requests : (JSON.parse(run.lastLine || '{}') as { ok?: number }).ok === requests;
    const connections = await connectionsUsed();
    samples.get(contender.name)?.push({ wallMs: run.wallMs, cpuMs: run.cpuMs ?? NaN, ok, connections });
    process.stderr.write(`round ${round + 1}/${rounds} ${contender.name}: ${(run.wallMs / 1000).toFixed(2)} s, ${connections} connections${ok ? '' : ` FAILED ${run.stderr.slice(-300)}`}\n`);
  }
}
const baseline = Math.min(...undici.map(({ name }) => median((samples.get(name) ?? []).map((s) => s.wallMs))));
const rows = contenders.map(({ name }) => {
  const runs = samples.get(name) ?? [];
  const wallMs = median(runs.map((s) => s.wallMs));
  return {
    name,
    allOk: runs.every((s) => s.ok),
    wallS: Number((wallMs / 1000).toFixed(2)),
    reqPerS: Math.round(requests / (wallMs / 1000)),
    cpuUsPerRequest: Math.round((median(runs.map((s) => s.cpuMs)) * 1000) / requests),
    connections: [...new Set(runs.map((s) => s.connections))].sort((a, b) => a - b),
    vsUndici: Number((baseline / wallMs).toFixed(2)),
  };
});
console.log(JSON.stringify({ requests, concurrency, rounds, baseline: 'the fastest p-map + undici', rows }, null, 2));
server.kill('SIGTERM');
await once(server, 'exit');
rmSync(dir, { recursive: true, force: true });
