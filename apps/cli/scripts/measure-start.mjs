// Start-up of an installed `fanout` against `node -e 0`: interleaved runs of each, median and
// fastest wall time, median CPU (user+sys, from /usr/bin/time) of the child.
// Usage: node scripts/measure-start.mjs PATH/TO/bin/fanout [RUNS]
import { spawnSync } from 'node:child_process';
const commands = { 'node -e 0': ['node', ['-e', '0']], 'fanout --version': [process.argv[2] ?? 'fanout', ['--version']] };
const runs = Number(process.argv[3] ?? 30);
const wall = {}, cpu = {};
for (let i = 0; i < runs; i++) for (const [name, [cmd, args]] of Object.entries(commands)) {
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', cmd, ...args], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const [u, s] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  (wall[name] ??= []).push(ms); (cpu[name] ??= []).push((u + s) * 1000);
}
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
for (const name of Object.keys(commands)) console.log(`${name}: wall median ${median(wall[name]).toFixed(1)} ms, min ${Math.min(...wall[name]).toFixed(1)} ms; cpu median ${median(cpu[name]).toFixed(0)} ms (${runs} runs)`);
console.log(`ratio (wall medians) ${(median(wall['fanout --version']) / median(wall['node -e 0'])).toFixed(2)}x, (wall mins) ${(Math.min(...wall['fanout --version']) / Math.min(...wall['node -e 0'])).toFixed(2)}x`);
