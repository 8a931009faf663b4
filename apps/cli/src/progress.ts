import type { Writable } from 'node:stream';
import { formatMs } from './render/format.js';

/**
 * A one-line progress bar on a TTY stderr: done/total, ok/failed, rate, ETA. It appears only
 * once a run has taken `showAfterMs` and redraws at most every `everyMs`. Anything else written
 * to the terminal (results on stdout, lines on stderr) goes between `hide()` and `restore()`,
 * so no line is ever glued to the bar.
 */
export class Progress {
  private done = 0;
  private failed = 0;
  private shown = false;
  private lastDraw = 0;
  private readonly started = performance.now();

  constructor(
    private readonly stream: Writable & { columns?: number },
    private readonly total: number | undefined,
    private readonly showAfterMs = 1000,
    private readonly everyMs = 100,
  ) {}

  tick(ok: boolean): void {
    this.done++;
    if (!ok) this.failed++;
    const now = performance.now();
    if (now - this.started < this.showAfterMs || now - this.lastDraw < this.everyMs) return;
    this.lastDraw = now;
    this.draw(now);
  }

  /** Removes the bar for good (before the summary). */
  clear(): void {
    this.hide();
    this.lastDraw = Infinity;
  }

  /** Takes the bar off the screen, if it is on it, until `restore()`. */
  hide(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
  }

  /** Puts a hidden bar back. */
  restore(): void {
    if (this.shown && this.lastDraw !== Infinity) this.draw(performance.now());
  }

  private draw(now: number): void {
    const elapsed = (now - this.started) / 1000;
    const rate = this.done / Math.max(elapsed, 0.001);
    const counts = `${this.done}${this.total ? `/${this.total}` : ''} ok ${this.done - this.failed} failed ${this.failed} ${rate.toFixed(0)} req/s`;
    let line = counts;
    if (this.total) {
      const width = 24;
      const filled = Math.min(width, Math.round((this.done / this.total) * width));
      const eta = rate > 0 ? formatMs(((this.total - this.done) / rate) * 1000) : '?';
      line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${counts} ETA ${eta}`;
    }
    const columns = this.stream.columns || 80;
    this.stream.write(`\r\x1b[2K${line.slice(0, Math.max(10, columns - 1))}`);
    this.shown = true;
  }
}
