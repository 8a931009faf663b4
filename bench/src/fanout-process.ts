import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { FANOUT_BIN, PROBE } from './paths.js';
import type { ProbeReport } from './probe-report.js';

/** A `fanout` command running as its own process, as a user runs it. */
export interface FanoutProcess {
  readonly child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once it exits. */
  readonly exited: Promise<number | string>;
  /** The end of its stderr (up to 4 KiB), for diagnosis. */
  stderrTail(): string;
  /** Its CPU time (user + system, ms) as it exited, from the probe inside it (process-probe.ts). */
  readonly cpuMs: Promise<number | undefined>;
}

/** Node flags for every `fanout` process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (not allowed in NODE_OPTIONS). */
const NODE_ARGS = (process.env.FANOUT_BENCH_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');

/**
 * Spawns `fanout ARGS` with the probe loaded (its report on fd 3); stdout goes to `stdoutFd` (a
 * file opened by the caller) or is ignored.
 */
export function spawnFanout(args: readonly string[], stdoutFd?: number): FanoutProcess {
  const child = spawn(process.execPath, ['--import', PROBE, ...NODE_ARGS, FANOUT_BIN, ...args], { stdio: ['ignore', stdoutFd ?? 'ignore', 'pipe', 'pipe'] });
  let tail = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (tail = (tail + text).slice(-4096)));
  let report = '';
  const probe = child.stdio[3] as Readable;
  probe.setEncoding('utf8').on('data', (text: string) => (report += text));
  const exited = once(child, 'exit').then(([code, signal]: unknown[]) => (typeof code === 'number' ? code : String(signal)));
  // A process killed by a signal writes no report.
  const cpuMs = once(probe, 'close').then(() => (report === '' ? undefined : (JSON.parse(report) as ProbeReport).cpuMs));
  return { child, exited, stderrTail: () => tail, cpuMs };
}

/** SIGTERM (a worker finishes its chunk and exits 0), then waits for the exit. */
export async function stopFanout(running: FanoutProcess): Promise<number | string> {
  if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGTERM');
  return running.exited;
}
