import type { Cancellation } from './cancellation.js';

/** Resolves after `ms`, or rejects with the cancellation's reason as soon as it aborts. */
export function sleep(ms: number, cancellation: Cancellation): Promise<void> {
  if (cancellation.reason) return Promise.reject(cancellation.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      resolve();
    }, ms);
    const off = cancellation.onAbort((reason) => {
      clearTimeout(timer);
      reject(reason);
    });
  });
}
