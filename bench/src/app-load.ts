// `npm run bench:app`: autocannon against the HTTP app on loopback. The app (with its embedded
// demo upstream) runs in its own process. Flags: --connections N --duration S --latency MS.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '100' },
    duration: { type: 'string', default: '20' },
    latency: { type: 'string', default: '20' },
    path: { type: 'string', default: '/api/posts?ids=1-10' },
  },
});
const MAIN = fileURLToPath(new URL('../../apps/http-app/dist/main.js', import.meta.url));
const app = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: '0', DEMO_LATENCY_MS: values.latency }, stdio: ['ignore', 'pipe', 'inherit'] });
let logs = '';
const url = await new Promise<string>((resolve, reject) => {
  app.stdout.on('data', (chunk: Buffer) => {
    logs += chunk.toString();
    const match = /listening on (http:\S+)"/.exec(logs);
    if (match) resolve(match[1] as string);
  });
  app.once('exit', (code) => reject(new Error(`app exited with ${code}`)));
});
app.stdout.resume();

async function rssMb(): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^process_resident_memory_bytes (\d+)/m.exec(text)?.[1] ?? NaN) / 2 ** 20;
}

const before = await rssMb();
const result = await autocannon({ url: `${url}${values.path}`, connections: Number(values.connections), duration: Number(values.duration) });
const after = await rssMb();
const exited = new Promise((resolve) => app.once('exit', resolve));
app.kill('SIGTERM');
await exited;

const line = {
  path: values.path,
  connections: Number(values.connections),
  durationS: Number(values.duration),
  upstreamLatencyMs: Number(values.latency),
  requests: result.requests.total,
  requestsPerSecond: result.requests.average,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
  appRssMb: { before: Math.round(before), after: Math.round(after) },
};
process.stdout.write(`${JSON.stringify(line, null, 2)}\n`);
process.exit(line.errors + line.timeouts + line.non2xx === 0 ? 0 : 1);
