import type { Cancellation } from './cancellation.js';
import { clampDelay } from '../base/timer.js';

/** Resolves after `ms` (at most 24.8 days: see `clampDelay`), or rejects with the cancellation's reason as soon as it aborts. */
export function sleep(ms: number, cancellation: Cancellation): Promise<void> {
  if (cancellation.reason) return Promise.reject(cancellation.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      resolve();
    }, clampDelay(ms));
    const off = cancellation.onAbort((reason) => {
      clearTimeout(timer);
      reject(reason);
    });
  });
}
