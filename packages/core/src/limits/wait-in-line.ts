import type { Cancellation } from '../utils/cancellation.js';

/**
 * Queues a waiter at the end of `waiters` and resolves when it is called (granted); rejects with
 * the reason, leaving the line, when `cancellation` aborts first. `onGrant` runs at the grant,
 * before anything else can take what was granted.
 */
export function waitInLine(waiters: Array<() => void>, cancellation: Cancellation, onGrant?: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let off = (): void => undefined;
    const grant = () => {
      off();
      onGrant?.();
      resolve();
    };
    waiters.push(grant);
    off = cancellation.onAbort((reason) => {
      const at = waiters.indexOf(grant);
      if (at >= 0) waiters.splice(at, 1);
      reject(reason);
    });
  });
}
