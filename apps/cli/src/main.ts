import { readFileSync } from 'node:fs';
import { runCli } from './program.js';
import { exitWhenWritten } from './process/exit-when-written.js';
import type { StopSignal } from './process/exit-codes.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

// stderr is for messages: a failing stderr (2>/dev/full) must not crash the run.
process.stderr.on('error', () => undefined);
// stdout of commands that print without an `Output` (help, version, status): a closed pipe is a
// quiet stop, any other write failure one line and exit 74. Runs handle it themselves.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (process.stdout.listenerCount('error') > 1) return;
  if (error.code !== 'EPIPE') process.stderr.write(`fanout: cannot write to stdout (${error.code ?? error.message})\n`);
  process.exit(error.code === 'EPIPE' ? 0 : 74);
});

const code = await runCli(
  process.argv.slice(2),
  {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    onInterrupt(handler) {
      const signals: StopSignal[] = ['SIGINT', 'SIGTERM'];
      const listeners = signals.map((signal) => [signal, () => handler(signal)] as const);
      for (const [signal, listener] of listeners) process.once(signal, listener);
      return () => {
        for (const [signal, listener] of listeners) process.off(signal, listener);
      };
    },
  },
  version,
);
process.exitCode = code;
exitWhenWritten(code, [process.stdout, process.stderr]);
