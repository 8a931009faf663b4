import { spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { closeSync, mkdirSync, openSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markdownTable } from './markdown-table.js';
import { FANOUT_BIN } from './paths.js';
import { median } from './stats.js';
import { systemCommand } from './system-command.js';

/** The downloads scenario's sizes. */
export interface DownloadsSizes {
  readonly files: number;
  readonly sizeBytes: number;
  readonly concurrency: number;
  readonly rounds: number;
}

/** One whole process: wall time from spawn to exit, peak RSS from wait4's rusage (`/usr/bin/time %M`). */
export interface DownloadRun {
  readonly wallMs: number;
  readonly maxRssMb: number;
  readonly exitCode: number | null;
  /** Files in the output directory after the run (all of them should be there). */
  readonly filesWritten: number;
}

export interface DownloadsResult {
  readonly sizes: DownloadsSizes;
  readonly fanout: readonly DownloadRun[];
  readonly curl: readonly DownloadRun[];
}

/** Writes `/dl/0` .. `/dl/N-1` under nginx's root, `sizeBytes` of random bytes each (not compressible, distinct). */
export function writeDownloadFiles(root: string, files: number, sizeBytes: number): void {
  mkdirSync(join(root, 'dl'));
  const bytes = Buffer.alloc(sizeBytes);
  for (let i = 0; i < files; i++) writeFileSync(join(root, 'dl', String(i)), randomFillSync(bytes));
}

/** Runs `command args` under `/usr/bin/time` and reads its peak RSS (KiB) from the file time writes. */
function runTimed(time: string, command: string, args: readonly string[], outDir: string): Promise<DownloadRun> {
  const rssFile = join(outDir, '..', `rss-${process.hrtime.bigint()}`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // stdout: /dev/null opened write-only, as a shell's `> /dev/null` (spawn's 'ignore' opens it read-write).
    const devNull = openSync('/dev/null', 'w');
    const child = spawn(time, ['-f', '%M', '-o', rssFile, command, ...args], { stdio: ['ignore', devNull, 'pipe'] });
    closeSync(devNull);
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-4096)));
    child.once('error', reject);
    child.once('close', (code) => {
      const wallMs = performance.now() - started;
      const maxRssKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
      rmSync(rssFile, { force: true });
      if (code !== 0) process.stderr.write(`  ${command} exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}\n`);
      resolve({ wallMs, maxRssMb: maxRssKb / 1024, exitCode: code, filesWritten: readdirSync(outDir).filter((name) => !name.startsWith('.')).length });
    });
  });
}

/**
 * `fanout --output-dir DIR -c C --file URLS` (the built CLI, sha256 of every file included)
 * against `curl --parallel --parallel-max C` with a config file of `url =`/`output =` pairs, for
 * the same URLs, each into a fresh empty directory; `rounds` rounds, the two interleaved.
 */
export async function runDownloads(base: string, sizes: DownloadsSizes, log: (line: string) => void): Promise<DownloadsResult> {
  const time = systemCommand('time', 'time');
  const curl = systemCommand('curl', 'curl');
  const work = mkdtempSync(join(tmpdir(), 'fanout-bench-downloads-'));
  const urls = Array.from({ length: sizes.files }, (_, i) => `${base}/dl/${i}`);
  const urlFile = join(work, 'urls.txt');
  writeFileSync(urlFile, `${urls.join('\n')}\n`);
  const curlConfig = join(work, 'curl.conf');
  const fanoutRuns: DownloadRun[] = [];
  const curlRuns: DownloadRun[] = [];
  try {
    for (let round = 1; round <= sizes.rounds; round++) {
      const fanoutDir = join(work, `fanout-${round}`);
      const fanout = await runTimed(time, process.execPath, [FANOUT_BIN, '--output-dir', fanoutDir, '-c', String(sizes.concurrency), '--file', urlFile, '--no-progress', '-o', 'ndjson'], mkdirThen(fanoutDir));
      rmSync(fanoutDir, { recursive: true, force: true });
      const curlDir = join(work, `curl-${round}`);
      writeFileSync(curlConfig, urls.map((url, i) => `url = "${url}"\noutput = "${curlDir}/${i}"\n`).join(''));
      const curled = await runTimed(time, curl, ['--silent', '--show-error', '--fail', '--parallel', '--parallel-max', String(sizes.concurrency), '--config', curlConfig], mkdirThen(curlDir));
      rmSync(curlDir, { recursive: true, force: true });
      fanoutRuns.push(fanout);
      curlRuns.push(curled);
      log(`  round ${round}: fanout ${(fanout.wallMs / 1000).toFixed(2)} s ${fanout.maxRssMb.toFixed(0)} MB (${fanout.filesWritten} files), curl ${(curled.wallMs / 1000).toFixed(2)} s ${curled.maxRssMb.toFixed(0)} MB (${curled.filesWritten} files)`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { sizes, fanout: fanoutRuns, curl: curlRuns };
}

function mkdirThen(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function downloadsTable(result: DownloadsResult): string[] {
  const { files, sizeBytes, concurrency, rounds } = result.sizes;
  const fanoutMs = median(result.fanout.map((run) => run.wallMs));
  const curlMs = median(result.curl.map((run) => run.wallMs));
  const label = `${files} × ${sizeBytes / 2 ** 20} MB, -c ${concurrency}, median of ${rounds}`;
  return [
    ...markdownTable(
      [label, 'wall s', 'peak RSS MB', 'exit codes'],
      [
        ['fanout --output-dir', { value: fanoutMs / 1000, digits: 2 }, { value: median(result.fanout.map((run) => run.maxRssMb)) }, result.fanout.map((run) => run.exitCode).join(',')],
        ['curl --parallel', { value: curlMs / 1000, digits: 2 }, { value: median(result.curl.map((run) => run.maxRssMb)) }, result.curl.map((run) => run.exitCode).join(',')],
      ],
    ),
    '',
    `fanout / curl speed: ${(curlMs / fanoutMs).toFixed(2)}× (≥ 1.00 is as fast as curl or faster)`,
  ];
}
