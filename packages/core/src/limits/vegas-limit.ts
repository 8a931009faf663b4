import { LimitHistory, type LimitPoint } from './limit-history.js';
import { epoch } from '../utils/clock.js';

/** Settings of {@link VegasLimit}. */
export interface VegasLimitOptions {
  /** The limit to start from. @default 4 */
  readonly initial?: number;
  /** The highest limit. @default 256 */
  readonly max?: number;
  /** The clock, in ms (`performance.now()`); tests pass a fake one. */
  readonly now?: () => number;
  /**
   * Record each change of the limit (epoch ms, on the `now` clock), to be taken with
   * {@link VegasLimit.takeChanges}; the `timeline` option turns it on.
   * @default false
   */
  readonly history?: boolean;
}

/**
 * An adaptive concurrency limit for one host, in the spirit of Netflix's concurrency-limits
 * `VegasLimit` plus AIMD. Each finished attempt is a sample: its latency and whether it was
 * dropped (a 429, a 503 or a timeout).
 *
 * - Latency (Vegas): the lowest latency seen is the no-load latency; `queue = limit × (1 −
 *   noLoad / latency)` estimates how many requests wait at the server (`log` below is
 *   `max(1, log10(limit))`). With no queue (≤ `log`) the limit doubles per round trip (+1 per
 *   sample, like TCP's slow start); with a short one (< `3·log`) it grows by `log` per round
 *   trip; with a long one (> `6·log`) it shrinks by `2·log` per round trip. So it settles a
 *   few requests past the server's capacity, and a server whose capacity falls (higher latency
 *   at the same limit) reads as a queue: the limit comes down.
 * - Drops (AIMD): the limit is multiplied by 0.75, at most once per no-load latency (a burst
 *   of 429s is one signal, not many).
 * - Samples taken while fewer than half the slots are used say nothing about capacity and are
 *   ignored (the run is limited by its inputs, not the server).
 * - The no-load latency is the lowest seen in the run (a host that gets faster lowers it at
 *   once; one that gets slower for good reads as a queue, and the limit stays cautious).
 */
export class VegasLimit {
  private value: number;
  private readonly max: number;
  private readonly now: () => number;
  private noLoad = Infinity;
  private lastDrop = -Infinity;
  private readonly history?: LimitHistory;
  /** The highest limit this host reached. */
  peak: number;

  constructor(options: VegasLimitOptions = {}) {
    this.max = options.max ?? 256;
    this.value = Math.min(options.initial ?? 4, this.max);
    this.peak = this.value;
    this.now = options.now ?? (() => performance.now());
    if (options.history) {
      this.history = new LimitHistory();
      this.history.record(epoch(this.now()), this.limit);
    }
  }

  /** The limit's changes (the first: where it started) since the last call; only with `history`. */
  takeChanges(): LimitPoint[] | undefined {
    return this.history?.take();
  }

  /** The current limit: how many attempts may be in flight to the host. */
  get limit(): number {
    return Math.max(1, Math.floor(this.value));
  }

  /** Feeds one finished attempt: its latency, how many were in flight when it started, whether it was dropped. */
  sample(latencyMs: number, inFlight: number, dropped: boolean): void {
    if (dropped) {
      const now = this.now();
      if (now - this.lastDrop >= Math.min(this.noLoad, 1_000)) {
        this.lastDrop = now;
        this.set(this.value * 0.75);
      }
      return;
    }
    if (latencyMs < this.noLoad) this.noLoad = Math.max(latencyMs, 1e-3);
    if (inFlight * 2 < this.limit) return;
    const log = Math.max(1, Math.log10(this.value));
    const queue = this.value * (1 - this.noLoad / Math.max(latencyMs, 1e-3));
    // About `limit` samples arrive per round trip: the steps below are per round trip.
    if (queue <= log) this.set(this.value + 1);
    else if (queue < 3 * log) this.set(this.value + log / this.value);
    else if (queue > 6 * log) this.set(this.value - (2 * log) / this.value);
  }

  private set(value: number): void {
    const before = this.limit;
    this.value = Math.min(this.max, Math.max(1, value));
    const after = this.limit;
    if (after === before) return;
    if (after > this.peak) this.peak = after;
    this.history?.record(epoch(this.now()), after);
  }
}
