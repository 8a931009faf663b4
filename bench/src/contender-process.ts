// One measured run in a process of its own: node contender-process.js NAME URL N CONCURRENCY WARMUP
import { CONTENDERS } from './contenders.js';

const [name = '', base = '', n = '0', c = '1', warmup = '0'] = process.argv.slice(2);
const contender = CONTENDERS[name];
if (!contender) throw new Error(`unknown contender ${name}`);
const urls = (count: number) => Array.from({ length: count }, (_, i) => `${base}/posts/${(i % 100) + 1}`);

if (Number(warmup) > 0) await contender(urls(Number(warmup)), Number(c));
const list = urls(Number(n));
const cpuBefore = process.cpuUsage();
const started = performance.now();
const ok = await contender(list, Number(c));
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuUsPerRequest = (cpu.user + cpu.system) / Number(n);
process.stdout.write(`${JSON.stringify({ name, n: Number(n), ok, wallMs, cpuUsPerRequest, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
process.exit(0);
