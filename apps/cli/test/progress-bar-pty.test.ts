import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { useDemoUpstream } from './run-cli.js';
import { fanoutCommand } from './shell.js';
import { childEnv } from './child-env.js';

const demo = useDemoUpstream({ latency: 60 });
const CLEAR_LINE = '\u001b[2K';

/** Runs a command in a real pseudo-terminal (script(1)): stdout and stderr share the screen. */
function inPty(command: string): Promise<{ code: number | null; screen: string }> {
  const shell = spawn('script', ['-qec', command, '/dev/null'], { env: childEnv({ NO_COLOR: '1', COLUMNS: '200' }) });
  let screen = '';
  shell.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  return new Promise((resolve) => shell.on('close', (code) => resolve({ code, screen })));
}

describe('progress bar on a terminal', () => {
  it('is cleared before each result line and redrawn after: no line is glued to the bar', async () => {
    // The bar shows after 1 s; 40 requests of 60 ms at concurrency 2 take about 1.2 s or more.
    const { code, screen } = await inPty(fanoutCommand(`--ids 1-40 --base-url ${demo.upstream.url} --concurrency 2 --fields title`));
    expect(code).toBe(0);
    expect(screen).toMatch(/\[#+-*\] \d+\/40 ok \d+ failed 0/);
    // What the terminal shows: each \r returns to the line start, ESC[2K clears it.
    const shown = screen.split(/\r?\n/).map((line) => line.split('\r').at(-1) ?? '');
    const results = shown.filter((line) => /✔ #\d+ /.test(line));
    expect(results).toHaveLength(40);
    for (const line of results) expect(line.replace(CLEAR_LINE, '')).toMatch(/^✔ #\d+ http/);
    // Every drawn bar was wiped before the next output line.
    for (const raw of screen.split(/\r?\n/)) if (raw.includes('ETA')) expect(raw.split('\r').at(-1)?.startsWith(CLEAR_LINE)).toBe(true);
  }, 60_000);
});
