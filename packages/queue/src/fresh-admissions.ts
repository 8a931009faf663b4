/**
 * How long a booking's read of the host's circuit answers an attempt's admission: about the
 * time from a booking's reply to the attempt's admit when nothing else holds it (no rate wait),
 * far below any circuit's timescale (failures in a row, a cool-down of seconds).
 */
export const FRESH_ADMISSION_MS = 25;

/** The most reads kept per host (attempts that booked and never asked are forgotten). */
const MOST_PER_HOST = 1024;

/**
 * Reads of hosts' circuits found closed by bookings (the booking script reads the circuit as it
 * books), each answering one later admission to that host within {@link FRESH_ADMISSION_MS}
 * without asking Redis again. Only "closed" is kept: an open circuit, or its probe, is always
 * asked of Redis at admission.
 */
export class FreshAdmissions {
  private readonly byHost = new Map<string, number[]>();

  /** The booking for `host` found its circuit closed at `at` (performance.now()). */
  closed(host: string, at = performance.now()): void {
    let reads = this.byHost.get(host);
    if (reads === undefined) this.byHost.set(host, (reads = []));
    reads.push(at);
    if (reads.length > MOST_PER_HOST) reads.shift();
  }

  /** Takes a fresh "closed" read of `host`'s circuit; false when there is none (ask Redis). */
  take(host: string, now = performance.now()): boolean {
    const reads = this.byHost.get(host);
    if (reads === undefined) return false;
    let read = reads.shift();
    while (read !== undefined && now - read > FRESH_ADMISSION_MS) read = reads.shift();
    if (reads.length === 0) this.byHost.delete(host);
    return read !== undefined;
  }
}
