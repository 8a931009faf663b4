import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { PROBE } from './paths.js';
import type { ProbeReport } from './probe-report.js';

/** One process run as a user runs it, timed from outside and (with the probe) from inside. */
export interface ProcessSample {
  readonly exitCode: number | null;
  /** Spawn to exit, as the parent sees it: start-up included. */
  readonly wallMs: number;
  /** Process start to its first HTTP request (inside the process; the probe). */
  readonly startupMs: number | undefined;
  /** First HTTP request to exit (inside the process; the probe): the in-process timing. */
  readonly inProcessMs: number | undefined;
  /** User + system CPU time of the whole process (the probe). */
  readonly cpuMs: number | undefined;
  /** Peak RSS of the whole process (the probe). */
  readonly maxRssMb: number | undefined;
  /** Lines the process wrote to stdout (0 when stdout went to /dev/null). */
  readonly stdoutLines: number;
  /** The last line on stdout (up to 4 KiB). */
  readonly lastLine: string;
  /** The end of stderr (up to 4 KiB), for diagnosis. */
  readonly stderr: string;
}

/** How a measured process runs. */
export interface MeasureOptions {
  readonly env?: NodeJS.ProcessEnv;
  /**
   * `pipe`: stdout is read and its lines counted; `file`: stdout is a new file, as a shell's
   * `> results.ndjson` makes it, whose lines are counted after the exit (outside the timing; no
   * reader shares the CPU with the process); `devnull`: stdout is /dev/null opened write-only,
   * as a shell's `> /dev/null` does (spawn's `'ignore'` opens it read-write, which is what a
   * closed stdout looks like to the child). @default 'pipe'
   */
  readonly stdout?: 'pipe' | 'file' | 'devnull';
  /** Load the probe (`--import`); off for the purest cold-start timing. @default true */
  readonly probe?: boolean;
}

const TAIL = 4096;
const NEWLINE = 0x0a;

function countLines(chunk: Buffer): number {
  let lines = 0;
  for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) lines++;
  return lines;
}

/** Runs `node ...args` (the probe preloaded) and measures it; resolves once it exited and its pipes closed. */
export function runMeasured(args: readonly string[], options: MeasureOptions = {}): Promise<ProcessSample> {
  const probe = options.probe ?? true;
  const nodeArgs = probe ? ['--import', PROBE, ...args] : [...args];
  return new Promise((resolve, reject) => {
    const outFile = options.stdout === 'file' ? join(mkdtempSync(join(tmpdir(), 'fanout-bench-out-')), 'stdout') : undefined;
    const outFd = outFile !== undefined ? openSync(outFile, 'w') : options.stdout === 'devnull' ? openSync('/dev/null', 'w') : undefined;
    const started = performance.now();
    const child = spawn(process.execPath, nodeArgs, {
      env: options.env ?? process.env,
      stdio: ['ignore', outFd ?? 'pipe', 'pipe', probe ? 'pipe' : 'ignore'],
    });
    if (outFd !== undefined) closeSync(outFd);
    let wallMs = 0;
    let exitCode: number | null = null;
    let stdoutLines = 0;
    let tail = Buffer.alloc(0);
    let stderr = '';
    let report = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdoutLines += countLines(chunk);
      tail = Buffer.concat([tail, chunk]).subarray(-TAIL);
    });
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-TAIL)));
    (child.stdio[3] as Readable | null)?.setEncoding('utf8').on('data', (text: string) => (report += text));
    child.once('error', reject);
    child.once('exit', (code) => {
      wallMs = performance.now() - started;
      exitCode = code;
    });
    child.once('close', () => {
      if (outFile !== undefined) {
        const written = readFileSync(outFile);
        stdoutLines = countLines(written);
        tail = written.subarray(-TAIL);
        rmSync(dirname(outFile), { recursive: true, force: true });
      }
      const probed = report ? (JSON.parse(report) as ProbeReport) : undefined;
      const first = probed?.firstRequestMs;
      resolve({
        exitCode,
        wallMs,
        startupMs: first,
        inProcessMs: probed && first !== undefined ? probed.exitMs - first : undefined,
        cpuMs: probed?.cpuMs,
        maxRssMb: probed ? probed.maxRssKb / 1024 : undefined,
        stdoutLines,
        lastLine: tail.toString('utf8').trimEnd().split('\n').pop() ?? '',
        stderr,
      });
    });
  });
}
