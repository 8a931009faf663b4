import { FanoutError } from './fanout-error.js';

/**
 * A streamed body (one stored by a `sink`) arrived slower than `speedLimit` bytes per second
 * over `speedTime` seconds: the download stalled or trickles, so it was cut (as curl's
 * `--speed-limit`/`--speed-time`, exit 28). The partial file is removed. Not retried by default
 * (add `ELOWSPEED` to `retry.errorCodes` to retry it).
 */
export class LowSpeedError extends FanoutError {
  override readonly name = 'LowSpeedError' as const;
  readonly code = 'ELOWSPEED' as const;

  /**
   * @param speedLimit the lowest speed accepted, bytes per second.
   * @param speedTime how many seconds the speed was averaged over.
   * @param bytes the bytes that arrived in those seconds.
   */
  constructor(
    readonly speedLimit: number,
    readonly speedTime: number,
    readonly bytes: number,
  ) {
    super(`Body arrived slower than ${speedLimit} bytes/s for ${speedTime} s (${bytes} bytes in the last ${speedTime} s)`);
  }
}
