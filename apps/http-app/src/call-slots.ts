import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from './app-error.js';

/** How long a client refused for lack of slots is asked to wait, seconds (`Retry-After`). */
export const BUSY_RETRY_AFTER_S = 5;

/**
 * The API calls that fetch from the upstream (the streams, `/api/posts`, `/api/compare`,
 * `/api/sweep`) running at once: at most `max` in all and `perClient` per client address. A
 * call holds its slot until its response closes (sent in full, or cut).
 */
export class CallSlots {
  private open = 0;
  private readonly byClient = new Map<string, number>();

  constructor(
    readonly max: number,
    readonly perClient: number,
  ) {}

  /** Calls running now. */
  get size(): number {
    return this.open;
  }

  /**
   * Takes a slot for the call of `req` until `res` closes, or refuses it with a 503 `EBUSY`, a
   * `Retry-After` and the connection closed when the app, or this client, has as many calls
   * running as it may.
   */
  admit(req: IncomingMessage, res: ServerResponse): void {
    const client = req.socket.remoteAddress ?? '';
    const mine = this.byClient.get(client) ?? 0;
    if (this.open >= this.max || mine >= this.perClient) {
      const which = this.open >= this.max ? `the app runs at most ${this.max} at once (MAX_CALLS)` : `one client may run at most ${this.perClient} at once (MAX_CALLS_PER_CLIENT)`;
      throw new AppError(503, 'EBUSY', `Too many calls at once: ${which}; try again in ${BUSY_RETRY_AFTER_S} s`, { 'retry-after': String(BUSY_RETRY_AFTER_S), connection: 'close' });
    }
    this.open++;
    this.byClient.set(client, mine + 1);
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      this.open--;
      const left = (this.byClient.get(client) ?? 1) - 1;
      if (left > 0) this.byClient.set(client, left);
      else this.byClient.delete(client);
    };
    res.once('close', release);
    // A client already gone gets no 'close' any more: its slot is free at once.
    if (req.socket.destroyed) release();
  }
}
