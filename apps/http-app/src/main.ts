import { redactUrl } from '@fanout/core';
import { destination, pino } from 'pino';
import { ConfigError, readConfig, type AppConfig } from './config.js';
import { createApp } from './server.js';
import { stopOnSignals } from './stop-on-signals.js';

/** One line on stderr and the exit code, never a stack trace. A closed stderr is ignored. */
function fail(message: string, code: number): never {
  process.stderr.on('error', () => undefined);
  process.stderr.write(`http-app: ${message}\n`);
  process.exit(code);
}

let config: AppConfig;
try {
  config = readConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(`${error.message}.`, 2);
  throw error;
}

// Synchronous writes: nothing is buffered at exit, and a closed stdout (EPIPE) only silences
// the log (pino drops it) instead of looping in an exit-time flush.
const log = pino(destination({ dest: 1, sync: true }));
const demo =
  config.upstreamUrl === undefined ? await (await import('@fanout/demo-upstream')).startDemoUpstream({ latency: config.demoLatencyMs }) : undefined;
const upstreamUrl = config.upstreamUrl ?? (demo?.url as string);

const embeddedUpstream = demo && { defaults: { latency: config.demoLatencyMs, failRate: 0 } };
const { byteBudget, deadlineMs, maxCalls, maxCallsPerClient, streamBufferBytes, writeTimeoutMs } = config;
const app = createApp({ upstreamUrl, logger: log, byteBudget, deadlineMs, maxCalls, maxCallsPerClient, streamBufferBytes, writeTimeoutMs, embeddedUpstream });
// Before listening: a signal that comes as soon as the listening line is out must find the handler.
stopOnSignals({
  graceMs: config.shutdownGraceMs,
  log,
  stop: async (graceMs) => {
    await app.shutdown(graceMs);
    await demo?.close();
  },
  onTimeout: () => fail(`shutdown did not finish within ${config.shutdownGraceMs} ms (SHUTDOWN_GRACE_MS) plus 2 s; exiting`, 1),
});

const url = await app.listen(config.port, config.host).catch((error: NodeJS.ErrnoException) => {
  const { port, host } = config;
  const reason = error.code === 'EADDRINUSE' ? `port ${port} is already in use on ${host}` : `cannot listen on ${host}:${port} (${error.code ?? error.message})`;
  return fail(`${reason}. Set PORT (and HOST) to a free address, e.g. PORT=3001.`, 2);
});
log.info({ url, upstream: redactUrl(upstreamUrl), embeddedUpstream: !!demo }, `fanout http-app listening on ${url}`);
