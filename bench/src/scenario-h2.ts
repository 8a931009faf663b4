// HTTP/2 side by side: nginx `listen … ssl http2`, N requests at -c C, whole processes; the
// connections each contender opened are counted at nginx (its `$connection` serial per request).
// node bench/dist/scenario-h2.js [--requests 20000] [--concurrency 64] [--rounds 5] [--pools 'JSON;JSON'] [--undici-only]
// --pools: p-map + undici once per pool setting (JSON Agent options besides allowH2); ratios are
// taken against the fastest of them (its best pool settings). --undici-only: those alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BASELINE, CONTENDERS, okCount, type Contender } from './contenders.js';
import { runMeasured } from './measured-process.js';
import { startNginx } from './nginx-upstream.js';
import { median } from './stats.js';
import { writeUrlFile } from './url-file.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '20000' }, concurrency: { type: 'string', default: '64' }, rounds: { type: 'string', default: '5' }, pools: { type: 'string', default: '{};{"connections":1,"pipelining":100}' }, 'undici-only': { type: 'boolean', default: false } } });
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);

/** A contender of the throughput scenarios, under a name of its own and with extra environment. */
interface H2Contender {
  readonly name: string;
  readonly contender: Contender;
  readonly env?: NodeJS.ProcessEnv;
}

const byName = (name: string): Contender => CONTENDERS.find((c) => c.name === name) as Contender;
const undici: H2Contender[] = values.pools.split(';').map((pool) => ({
  name: `${BASELINE} (allowH2) ${pool}`,
  contender: byName(BASELINE),
  env: { BENCH_UNDICI_AGENT: JSON.stringify({ allowH2: true, ...(JSON.parse(pool) as object) }) },
}));
const contenders: H2Contender[] = [
  ...undici,
  ...(values['undici-only'] ? [] : ['@fanout/core (defaults)', 'fanout -o ndjson'].map((name) => ({ name, contender: byName(name) }))),
];

const nginx = await startNginx(1, undefined, { http2: true, countConnections: true });
const dir = mkdtempSync(join(tmpdir(), 'fanout-bench-h2-'));
try {
  const urlFile = await writeUrlFile(join(dir, 'urls.txt'), nginx.httpsUrl, requests);
  const samples = new Map<string, { wallMs: number; cpuMs: number; ok: boolean; connections: number }[]>(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < contenders.length; i++) {
      const { name, contender, env } = contenders[(i + round) % contenders.length] as H2Contender;
      await nginx.connectionsSinceLastCall();
      const run = await runMeasured(contender.args(urlFile, concurrency), { env: { ...process.env, NODE_EXTRA_CA_CERTS: nginx.caFile, ...env }, stdout: 'file' });
      const ok = okCount(contender, requests, run) === requests;
      const connections = await nginx.connectionsSinceLastCall();
      samples.get(name)?.push({ wallMs: run.wallMs, cpuMs: run.cpuMs ?? NaN, ok, connections });
      process.stderr.write(`round ${round + 1}/${rounds} ${name}: ${(run.wallMs / 1000).toFixed(2)} s, ${connections} connections${ok ? '' : ` FAILED ${run.stderr.slice(-300)}`}\n`);
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
      samples: runs, // every round's, so that several shorter runs can be pooled
    };
  });
  console.log(JSON.stringify({ requests, concurrency, rounds, baseline: `the fastest ${BASELINE}`, rows }, null, 2));
} finally {
  await nginx.stop();
  rmSync(dir, { recursive: true, force: true });
}
