import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { FileMeter, Progress } from '../src/output/progress.js';
import { useDemoUpstream } from './run-cli.js';
import { fanoutCommand } from './shell.js';
import { tmpFile } from './tmp-files.js';

/** A TTY-like stream that keeps what was drawn last. */
function screen(): Writable & { columns: number; last: () => string } {
  let last = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      last = chunk.toString().split('\r').at(-1)?.replace('\u001b[2K', '') ?? '';
      done();
    },
  });
  return Object.assign(stream, { columns: 200, last: () => last });
}

describe('progress of a --file run, by the bytes of the file (as pv shows them)', () => {
  it('extrapolates the inputs from the bytes read, shows bytes done of the size and an ETA', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const meter = new FileMeter(4_000_000);
      const out = screen();
      const progress = new Progress(out, undefined, 0, 0, meter);
      meter.bytes = 1_000_000; // a quarter read, 10,000 inputs in it: 40,000 expected
      meter.inputs = 10_000;
      vi.advanceTimersByTime(10_000);
      for (let i = 0; i < 9_999; i++) progress.tick(true);
      progress.tick(false);
      // 10,000 of 40,000 done in 10 s: 1,000/s, 30 s to go; a quarter of 4 MB.
      expect(out.last()).toBe('[######------------------] 1.00 MB/4.00 MB 10000 ok 9999 failed 1 1000 req/s ETA 30.00 s');
    } finally {
      vi.useRealTimers();
    }
  });

  it('knows the count exactly once the file is read to its end', () => {
    const meter = new FileMeter(300);
    meter.bytes = 300;
    meter.inputs = 7;
    expect(meter.expectedInputs()).toBe(7);
    meter.bytes = 100;
    meter.inputs = 7;
    expect(meter.expectedInputs()).toBe(21);
  });

  it('has no meter for stdin or a missing file', () => {
    expect(FileMeter.of('-')).toBeUndefined();
    expect(FileMeter.of(undefined)).toBeUndefined();
    expect(FileMeter.of('/nonexistent/urls.txt')).toBeUndefined();
    expect(FileMeter.of(tmpFile('urls.txt', 'http://x/1\n'))?.size).toBe(11);
  });
});

const demo = useDemoUpstream({ latency: 60 });

describe('the bar of a --file run on a terminal', () => {
  it('shows the file’s bytes, a filling bar and an ETA', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `${demo.upstream.url}/posts/${i + 1}`).join('\n') + '\n';
    const file = tmpFile('urls.txt', lines);
    const size = Buffer.byteLength(lines);
    const command = `${fanoutCommand(`--file ${file} --concurrency 2 --fields title -o ndjson`)} > /dev/null`;
    const shell = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, COLUMNS: '200' } });
    let shown = '';
    shell.stdout.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const code = await new Promise((resolve) => shell.on('close', resolve));
    expect(code).toBe(0);
    expect(shown).toMatch(new RegExp(`\\[#*-*\\] [\\d.]+ k?B/${(size / 1000).toFixed(1)} kB \\d+ ok \\d+ failed 0 \\d+ req/s ETA `));
  }, 60_000);
});
