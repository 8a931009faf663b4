#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startDemoUpstream } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    latency: { type: 'string', default: '0' },
    jitter: { type: 'string', default: '0' },
    'fail-rate': { type: 'string', default: '0' },
  },
});
const upstream = await startDemoUpstream({
  port: Number(values.port),
  host: values.host,
  latency: Number(values.latency),
  jitter: Number(values.jitter),
  failRate: Number(values['fail-rate']),
});
// The first line on stdout is the URL, for scripts that start this as a child process.
process.stdout.write(`${upstream.url}\n`);
const stop = () => void upstream.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
