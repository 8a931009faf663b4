import { FRESH_ADMISSION_MS } from './fresh-admissions.js';
import { TurnBatches } from './turn-batches.js';

/** The most send slots booked ahead for one host. */
export const MOST_AHEAD = 256;

/** What one booking script call answered. */
export interface BookingReply {
  /** One wait per slot asked for (ms; negative: not booked, ask again after -wait ms). */
  readonly waits: readonly number[];
  /** Whether the host's circuit was open as read. */
  readonly open: boolean;
  /** Slots booked ahead; -1 when something holds the host back (none may be booked ahead). */
  readonly ahead: number;
}

/** Runs the booking script: `n` slots asked for, `ahead` more wanted, `returned` booked ahead and never sent. */
export type BookingCall = (call: string, n: number, ahead: number, returned: number) => Promise<BookingReply>;

/** One booking: its wait, and its read of the circuit. */
export interface Booking {
  readonly wait: number;
  /** Whether the host's circuit was open as read. */
  readonly open: boolean;
  /** When the booking's reply came (performance.now()): its read is as fresh as that. */
  readonly at: number;
}

/** The slots booked ahead for one booking call (one host of one job). */
interface Pool {
  slots: number;
  /** When the reply that confirmed them came: they go until {@link FRESH_ADMISSION_MS} after. */
  at: number;
  /** How many a call asks for ahead: doubles when requests found none, halves when they expire unsent. */
  target: number;
  /** Slots booked ahead that expired (or were dropped) unsent: given back with the next call. */
  unsent: number;
  refilling: boolean;
  sweep: NodeJS.Timeout | undefined;
  /** Booking calls on their way. */
  calls: number;
}

/** A request's slot, or a call that only books ahead, or one that only gives unsent slots back. */
type Ask = 'slot' | 'ahead' | 'return';

/**
 * Send slots of each host booked ahead, so that most requests go without a round trip to Redis.
 * A booking call (one per host and turn of the event loop, {@link TurnBatches}) also books up to
 * {@link MOST_AHEAD} slots ahead, but only while nothing holds the host back (no rate, announced
 * budget or pause, circuit not open: the script decides, on Redis's clock); they count as sent at
 * once, as any booking does. A slot booked ahead goes within {@link FRESH_ADMISSION_MS} of the
 * reply that booked it or last confirmed the host free (the same window as a booking's read of the
 * circuit), else it is given back (no longer counted as sent) with the next call, or by a call of
 * its own when none comes. Half used or half as old as that, the pool is topped up in the
 * background: requests in a steady stream seldom wait for Redis.
 */
export class BookedAhead {
  private readonly pools = new Map<string, Pool>();
  private readonly batches: TurnBatches<Ask, Booking>;

  constructor(private readonly book: BookingCall) {
    this.batches = new TurnBatches<Ask, Booking>((call, asks) => this.run(call, asks));
  }

  /** Books one slot (with the turn's others), topping the pool up. */
  reserve(call: string): Promise<Booking> {
    return this.batches.add(call, 'slot');
  }

  /** Takes a slot booked ahead, fresh; its booking's time, or undefined when there is none. */
  take(call: string, now = performance.now()): number | undefined {
    const pool = this.pools.get(call);
    if (pool === undefined) return undefined;
    const age = now - pool.at;
    if (pool.slots === 0 || age > FRESH_ADMISSION_MS) {
      // None, or stale (a newer booking renews them): one is on its way.
      this.topUp(call, pool);
      return undefined;
    }
    pool.slots--;
    // Topped up when half are taken, or half as old as they may get.
    if (pool.slots * 2 < pool.target || age * 2 > FRESH_ADMISSION_MS) this.topUp(call, pool);
    return pool.at;
  }

  /** Drops the slots booked ahead for `call` (something now holds its host back: ask Redis). */
  drop(call: string): void {
    const pool = this.pools.get(call);
    if (pool === undefined) return;
    this.stopBooking(pool);
    if (pool.unsent > 0) this.giveBackSoon(call, pool);
  }

  /** Gives every slot booked ahead and unsent back (a stopping worker). */
  async giveBack(): Promise<void> {
    const calls: Array<Promise<unknown>> = [];
    for (const [call, pool] of this.pools) {
      clearTimeout(pool.sweep);
      this.stopBooking(pool);
      if (pool.unsent > 0) calls.push(this.batches.add(call, 'return'));
    }
    await Promise.all(calls);
  }

  private async run(call: string, asks: readonly Ask[]): Promise<Booking[]> {
    let pool = this.pools.get(call);
    if (pool === undefined) this.pools.set(call, (pool = { slots: 0, at: 0, target: 0, unsent: 0, refilling: false, sweep: undefined, calls: 0 }));
    const n = asks.filter((ask) => ask === 'slot').length;
    // Requests found the pool empty: it was too small for them.
    if (n > 0) pool.target = Math.min(MOST_AHEAD, Math.max(pool.target * 2, n));
    const ahead = asks.every((ask) => ask === 'return') ? 0 : Math.max(0, pool.target - pool.slots);
    const returned = pool.unsent;
    pool.unsent = 0;
    let reply: BookingReply;
    pool.calls++;
    try {
      reply = await this.book(call, n, ahead, returned);
    } catch (error) {
      pool.unsent += returned;
      throw error;
    } finally {
      pool.calls--;
      if (asks.includes('ahead')) pool.refilling = false;
    }
    const at = performance.now();
    if (reply.ahead >= 0) {
      // Nothing holds the host back as of this reply: the slots held go on until FRESH_ADMISSION_MS after it.
      pool.slots += reply.ahead;
      pool.at = at;
      if (pool.slots > 0) this.giveBackSoon(call, pool);
    } else this.drop(call); // the host is held back now: the slots booked before no longer go
    this.forgetIfIdle(call, pool);
    let slot = 0;
    return asks.map((ask) => ({ wait: ask === 'slot' ? (reply.waits[slot++] ?? 0) : 0, open: reply.open, at }));
  }

  /** Books more ahead (with the turn's other calls), unless a top-up is on its way (or none are wanted). */
  private topUp(call: string, pool: Pool): void {
    if (pool.refilling || pool.target === 0) return;
    pool.refilling = true;
    void this.batches.add(call, 'ahead').catch(() => undefined);
  }

  /**
   * Forgets a pool that holds nothing (a worker meets many hosts over many jobs: it keeps state
   * only for those with slots booked ahead, or on their way back). Its next booking asks for as
   * many ahead as it asks for slots, and grows from there.
   */
  private forgetIfIdle(call: string, pool: Pool): void {
    if (pool.slots === 0 && pool.unsent === 0 && pool.calls === 0 && pool.sweep === undefined && this.pools.get(call) === pool) this.pools.delete(call);
  }

  /** How many hosts (of all jobs) this worker keeps booking state for. */
  get size(): number {
    return this.pools.size;
  }

  /** The pool's slots are stale: given back with the next call. */
  private giveBackLater(pool: Pool): void {
    pool.unsent += pool.slots;
    pool.slots = 0;
  }

  /** Gives the pool's slots back with the next call, and books none ahead until requests find none. */
  private stopBooking(pool: Pool): void {
    this.giveBackLater(pool);
    pool.target = 0;
  }

  /** Once the pool's slots are stale, gives back what is unsent, unless a call does before. */
  private giveBackSoon(call: string, pool: Pool): void {
    if (pool.sweep !== undefined) {
      pool.sweep.refresh();
      return;
    }
    pool.sweep = setTimeout(() => {
      pool.sweep = undefined;
      if (pool.slots > 0 && performance.now() - pool.at > FRESH_ADMISSION_MS) {
        // No request wanted them for a while: fewer are booked next time.
        this.giveBackLater(pool);
        pool.target = Math.floor(pool.target / 2);
      }
      if (pool.slots > 0) this.giveBackSoon(call, pool);
      else if (pool.unsent > 0) void this.batches.add(call, 'return').catch(() => undefined);
      else this.forgetIfIdle(call, pool);
    }, FRESH_ADMISSION_MS + 5);
    pool.sweep.unref();
  }
}
