import { startDemoUpstream } from '@fanout/demo-upstream';
import { pino } from 'pino';
import { createApp } from './server.js';

const log = pino();

function envNumber(name: string, fallback: number, min: number, max: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) {
    process.stderr.write(`http-app: ${name}=${text} is invalid: use an integer from ${min} to ${max}.\n`);
    process.exit(2);
  }
  return n;
}

const port = envNumber('PORT', 3000, 0, 65535);
const host = process.env.HOST || '127.0.0.1';
const latency = envNumber('DEMO_LATENCY_MS', 150, 0, 60_000);
const demo = process.env.UPSTREAM_URL ? undefined : await startDemoUpstream({ latency });
const upstreamUrl = process.env.UPSTREAM_URL || (demo?.url as string);

const app = createApp({ upstreamUrl, logger: log });
const url = await app.listen(port, host).catch((error: NodeJS.ErrnoException) => {
  const reason = error.code === 'EADDRINUSE' ? `port ${port} is already in use on ${host}` : `cannot listen on ${host}:${port} (${error.code ?? error.message})`;
  process.stderr.write(`http-app: ${reason}. Set PORT (and HOST) to a free address, e.g. PORT=3001.\n`);
  process.exit(2);
});
log.info({ url, upstream: upstreamUrl, embeddedUpstream: !!demo }, `fanout http-app listening on ${url}`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down: no new connections; in-flight responses get 10 s');
  void app
    .shutdown(10_000)
    .then(() => demo?.close())
    .then(() => {
      log.info('stopped');
      process.exit(0);
    });
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
