import type { TransportRequest } from '../transport.js';
import type { DispatchHandler } from './dispatch-handler.js';

/** One request from dispatch to its end: what the pool queues and a connection carries. */
export interface PendingRequest {
  readonly req: TransportRequest;
  readonly handler: DispatchHandler;
  /** Request line and headers. */
  readonly head: string;
  readonly body: string | Uint8Array | undefined;
  /** Set by an abort: the request must not be sent, or its connection is dropped. */
  aborted: Error | undefined;
  /** Sent again once already, after a reused connection failed before any response byte. */
  replayed: boolean;
  /** The connection carrying it, while it is on one. */
  carrier: { drop(request: PendingRequest, reason: Error): void } | undefined;
}
