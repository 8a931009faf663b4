/** Run options that travel with a job's chunks (set at enqueue time). */
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
   * Requests in flight to one host, per worker.
   * @default Infinity
   */
  readonly perHost?: number;
  /**
   * Keep only these fields of each JSON response (dotted paths).
   * @default undefined (the whole body)
   */
  readonly fields?: readonly string[];
}

/** One BullMQ job: a slice of the inputs, with the position of its first input. */
export interface ChunkData {
  readonly job: string;
  readonly chunk: number;
  readonly start: number;
  readonly urls: readonly string[];
  readonly options: ChunkOptions;
}
