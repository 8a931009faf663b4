import type { LimitPoint } from './limit-history.js';
import type { Cancellation } from '../utils/cancellation.js';
import { sleep } from '../utils/sleep.js';
import { AdaptiveSlots } from './adaptive-slots.js';
import type { HeaderLookup } from './read-rate-limit-headers.js';
import { RESET_MARGIN_MS } from './host-budget.js';
import { RateLimitPacer } from './rate-limit-pacer.js';
import { RateLimiter } from './rate-limiter.js';
import { VegasLimit } from './vegas-limit.js';
import { Semaphore } from './semaphore.js';
import type { SharedLimits } from './shared-limits.js';

/** Limits applied per host (and globally for the rate) before each attempt. */
export interface HostGateOptions {
  readonly perHost: number;
  /** Record each adaptive limit's changes (the `timeline` option), for {@link HostGate.limitChanges}. */
  readonly limitHistory?: boolean;
  readonly rate?: number;
  readonly perHostRate?: number;
  /** Rates and pauses shared with other processes; replaces the local rate limiters. */
  readonly shared?: SharedLimits;
  /** `concurrency: 'auto'`: an adaptive limit per host, up to this many in flight. */
  readonly adaptiveMax?: number;
  /**
   * Pace each host by the budget it announces in rate-limit headers; requests can be in flight
   * for at most `maxInFlightMs` (the attempt timeout); a wait for a reset longer than `maxWaitMs`
   * fails at once (`RateLimitedError`).
   */
  readonly rateLimitHeaders?: { readonly maxInFlightMs: number; readonly maxWaitMs?: number };
}

/** Frees what the gate gave an attempt; `dropped` (a 429, 503 or timeout) tells an adaptive limit. */
export type GateRelease = (dropped?: boolean) => void;

interface HostState {
  readonly slots?: Semaphore;
  readonly rate?: RateLimiter;
  readonly adaptive?: AdaptiveSlots;
  pausedUntil: number;
}

/**
 * Admission control per host: waits out a host's pause (after a 429/503 with `Retry-After`),
 * then the global and per-host rate limits, then takes a per-host connection slot.
 */
export class HostGate {
  private readonly hosts = new Map<string, HostState>();
  private readonly globalRate?: RateLimiter;
  private readonly unlimited: boolean;
  private readonly pacer?: RateLimitPacer;
  /** The longest wait for an announced reset in the shared limits (the margin they add included). */
  private readonly sharedMaxWaitMs?: number;

  constructor(private readonly options: HostGateOptions) {
    if (options.rate !== undefined && !options.shared) this.globalRate = new RateLimiter(options.rate);
    if (options.rateLimitHeaders) this.pacer = new RateLimitPacer(options.rateLimitHeaders.maxInFlightMs, options.shared, options.rateLimitHeaders.maxWaitMs);
    const maxWaitMs = options.rateLimitHeaders?.maxWaitMs;
    if (maxWaitMs !== undefined) this.sharedMaxWaitMs = maxWaitMs + RESET_MARGIN_MS;
    this.unlimited = !Number.isFinite(options.perHost) && options.rate === undefined && options.perHostRate === undefined && !options.shared && options.adaptiveMax === undefined;
  }

  /**
   * Resolves to a release function once the request may go; rejects when `cancellation` aborts.
   * Returns `undefined` (go now, nothing to release) when no limit, pause or announced budget
   * applies at all, so the common case costs no promise.
   */
  enter(host: string, cancellation: Cancellation): Promise<GateRelease> | undefined {
    if (this.unlimited && this.hosts.size === 0 && (this.pacer === undefined || this.pacer.admitFree(host))) return undefined;
    if (this.takeBooked(host)) return undefined;
    return this.enterLimited(host, cancellation);
  }

  /**
   * Takes a send slot the shared limits booked ahead for `host`, when nothing of this process
   * holds the host back (no per-host or adaptive limit, pause or announced budget): the attempt
   * then goes at once, with no promise (and no AbortSignal made for the wait).
   */
  private takeBooked(host: string): boolean {
    const shared = this.options.shared;
    if (shared?.takeBooked === undefined || Number.isFinite(this.options.perHost) || this.options.adaptiveMax !== undefined) return false;
    if ((this.hosts.get(host)?.pausedUntil ?? 0) > performance.now() || this.pacer?.paces(host) === true) return false;
    if (!shared.takeBooked(host)) return false;
    this.pacer?.admitFree(host);
    return true;
  }

  /** A response from `host` came back: its rate-limit headers, if any, pace the host. */
  answered(host: string, header: HeaderLookup): void {
    this.pacer?.answered(host, header);
  }

  /** An attempt to `host` that passed the gate ended without a response (or was never sent). */
  unanswered(host: string): void {
    this.pacer?.unanswered(host);
  }

  private async enterLimited(host: string, cancellation: Cancellation): Promise<GateRelease> {
    // Pacing alone needs no per-host state (a pause makes one).
    const state = this.unlimited ? this.hosts.get(host) : this.state(host);
    if (state) {
      for (let wait = state.pausedUntil - performance.now(); wait > 0; wait = state.pausedUntil - performance.now()) {
        await sleep(wait, cancellation);
      }
    }
    if (state === undefined) {
      await this.pacer?.take(host, cancellation);
      return noop;
    }
    const local = state.slots ? await state.slots.acquire(cancellation) : noop;
    let shared = noop;
    let paced = false;
    const release = () => {
      shared();
      local();
    };
    try {
      if (this.options.shared?.acquireHost && state.slots) shared = await this.options.shared.acquireHost(host, this.options.perHost, cancellation.signal);
      const rateWait = this.options.shared
        ? await this.options.shared.reserve(host, cancellation.signal, this.sharedMaxWaitMs)
        : Math.max(this.globalRate?.reserve() ?? 0, state.rate?.reserve() ?? 0);
      await sleep(rateWait, cancellation);
      // After the other waits, so that a send the budget lets go leaves at once.
      const pacing = this.pacer?.take(host, cancellation);
      if (pacing) await pacing;
      paced = true;
      // Last, so the adaptive limit's latency samples hold no rate-limit wait.
      const adaptive = state.adaptive ? await state.adaptive.acquire(cancellation) : undefined;
      return adaptive
        ? (dropped = false) => {
            adaptive(dropped);
            release();
          }
        : release;
    } catch (error) {
      if (paced) this.pacer?.unanswered(host);
      release();
      throw error;
    }
  }

  /** Holds back every request to `host` for `ms` (a `Retry-After` applies to the whole host). */
  pause(host: string, ms: number): void {
    const state = this.state(host);
    state.pausedUntil = Math.max(state.pausedUntil, performance.now() + ms);
    this.options.shared?.pause(host, ms);
  }

  /** The adaptive limit of `host` now (undefined without `concurrency: 'auto'` or before its first request). */
  limitOf(host: string): number | undefined {
    return this.hosts.get(host)?.adaptive?.limit.limit;
  }

  /** How the adaptive limit of `host` changed since the last call (with `limitHistory`). */
  limitChanges(host: string): LimitPoint[] | undefined {
    return this.hosts.get(host)?.adaptive?.limit.takeChanges();
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = {
        slots: Number.isFinite(this.options.perHost) ? new Semaphore(this.options.perHost) : undefined,
        rate: this.options.perHostRate !== undefined && !this.options.shared ? new RateLimiter(this.options.perHostRate) : undefined,
        adaptive: this.options.adaptiveMax === undefined ? undefined : new AdaptiveSlots(new VegasLimit({ max: this.options.adaptiveMax, history: this.options.limitHistory })),
        pausedUntil: 0,
      };
      this.hosts.set(host, state);
    }
    return state;
  }
}

function noop(): void {}
