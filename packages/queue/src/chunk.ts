import type { RequestInput } from '@fanout/core';

/** Run options that travel with a job's chunks (set at enqueue time). Never secrets: they are stored in Redis. */
export interface ChunkOptions {
  /**
   * Per-attempt timeout in milliseconds (headers and body).
   * @default 10000 (the core's)
   */
  readonly timeout?: number;
  /**
   * Retries per request (the core's `retry` limit: idempotent methods; network errors, timeouts, 408/429/5xx).
   * @default 2 (the core's)
   */
  readonly retries?: number;
  /**
   * Requests per second across all workers.
   * @default undefined (unlimited)
   */
  readonly rate?: number;
  /**
   * Requests per second to one host across all workers.
   * @default undefined (unlimited)
   */
  readonly perHostRate?: number;
  /**
   * Requests in flight to one host across all workers (leases in Redis, which a killed worker's
   * lose after its `lockMs`).
   * @default Infinity
   */
  readonly perHost?: number;
  /**
   * Keep only these fields of each JSON response (dotted paths).
   * @default undefined (the whole body)
   */
  readonly fields?: readonly string[];
  /**
   * Headers for every request of the job (a request spec's own headers win). Stored in Redis:
   * give credentials to the workers instead ({@link WorkerOptions.headers}).
   * @default {}
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Follow redirects (up to 5).
   * @default false
   */
  readonly followRedirects?: boolean;
  /**
   * How a body becomes data (the core's option).
   * @default the core's
   */
  readonly responseType?: 'auto' | 'json' | 'text';
}

/** One BullMQ job: a slice of the inputs (URLs or request specs), with the position of its first input. */
export interface ChunkData {
  readonly job: string;
  readonly chunk: number;
  readonly start: number;
  readonly urls: readonly RequestInput[];
  readonly options: ChunkOptions;
}
