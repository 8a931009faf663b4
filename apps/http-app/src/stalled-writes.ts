import type { ServerResponse } from 'node:http';

/** What the watch remembers of one response: bytes its socket had handed on, and since when. */
interface Progress {
  readonly handedOn: number;
  readonly since: number;
}

/**
 * Watches `responses` (the open ones) and calls `onStalled` for each whose client has taken none
 * of what waits for it (in the response's and its socket's buffers) for `timeoutMs`: a client
 * that stopped reading. A response with nothing waiting is never stalled, however long its call
 * runs. Checks a few times per `timeoutMs` (at most once a second); returns the stop function.
 */
export function watchStalledWrites(responses: ReadonlySet<ServerResponse>, timeoutMs: number, onStalled: (res: ServerResponse) => void): () => void {
  const seen = new WeakMap<ServerResponse, Progress>();
  const check = () => {
    const now = performance.now();
    for (const res of responses) {
      const socket = res.socket;
      if (!socket || socket.destroyed) continue;
      // Bytes whose writes the system took, which grows only as the client reads.
      const handedOn = socket.bytesWritten - socket.writableLength;
      const last = seen.get(res);
      if (res.writableLength === 0 || last === undefined || last.handedOn !== handedOn) seen.set(res, { handedOn, since: now });
      else if (now - last.since >= timeoutMs) onStalled(res);
    }
  };
  const timer = setInterval(check, Math.max(10, Math.min(1000, Math.floor(timeoutMs / 4))));
  timer.unref();
  return () => clearInterval(timer);
}
