import { readFileSync } from 'node:fs';
import { runCli } from './cli.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  onInterrupt(handler) {
    process.once('SIGINT', handler);
    return () => process.off('SIGINT', handler);
  },
}, version);
process.exitCode = code;
// Keep-alive sockets or a paused stdin must not hold the process open once the work is done.
setImmediate(() => process.exit(code)).unref();
