import { LowSpeedError } from '../errors/low-speed-error.js';
import { clampDelay } from '../base/timer.js';

/** The low-speed limit of streamed bodies (options `speedLimit`, `speedTime`). */
export interface SpeedLimit {
  /** Bytes per second. */
  readonly limit: number;
  /** Seconds. */
  readonly time: number;
}

/**
 * Watches a body as it arrives and calls `onSlow` with a `LowSpeedError` once the bytes of the
 * last `time` seconds average under `limit` per second: a body that stalls or trickles ends,
 * whatever its chunks' pace (a timeout that restarts per chunk never fires on 1 byte every
 * 500 ms). The window slides in ticks of about a second (60 ticks at most), on one interval timer.
 */
export class LowSpeedGuard {
  private readonly ticks: number[];
  private readonly tickMs: number;
  private next = 0;
  private filled = 0;
  private current = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly speed: SpeedLimit,
    private readonly onSlow: (error: LowSpeedError) => void,
  ) {
    // About a tick a second, 60 at most (a long window slides in coarser steps).
    const count = Math.min(60, Math.max(1, Math.round(speed.time)));
    this.ticks = new Array<number>(count).fill(0);
    this.tickMs = clampDelay((speed.time * 1000) / count);
    this.timer = setInterval(this.tick, this.tickMs);
  }

  /** Counts bytes that arrived. */
  add(bytes: number): void {
    this.current += bytes;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private readonly tick = (): void => {
    this.ticks[this.next] = this.current;
    this.current = 0;
    this.next = (this.next + 1) % this.ticks.length;
    if (this.filled < this.ticks.length) this.filled++;
    if (this.filled < this.ticks.length) return;
    let bytes = 0;
    for (const n of this.ticks) bytes += n;
    if (bytes < this.speed.limit * this.speed.time) {
      this.stop();
      this.onSlow(new LowSpeedError(this.speed.limit, this.speed.time, bytes));
    }
  };
}
