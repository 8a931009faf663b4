// `node bench/dist/latency-upstream-process.js --latency MS`: the latency-bound scenario's
// upstream (latency-upstream.ts) in a process of its own; prints its URL as the first line.
import { parseArgs } from 'node:util';
import { startLatencyUpstream } from './latency-upstream.js';

const { values } = parseArgs({ options: { latency: { type: 'string', default: '0' } } });
const upstream = await startLatencyUpstream(Number(values.latency));
process.stdout.write(`${upstream.url}\n`);
const stop = (): void => void upstream.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
