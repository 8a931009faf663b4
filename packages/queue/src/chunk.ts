/** Run options that travel with a job's chunks (set at enqueue time). */
export interface ChunkOptions {
  readonly timeout?: number;
  readonly retries?: number;
  /** Requests per second across all workers. */
  readonly rate?: number;
  /** Requests per second to one host across all workers. */
  readonly perHostRate?: number;
  /** Requests in flight to one host, per worker. */
  readonly perHost?: number;
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
