export { enqueueJob, type EnqueueOptions, type EnqueueSummary } from './enqueue.js';
export { startWorker, type RunningWorker, type WorkerOptions } from './worker.js';
export { jobStatus, type JobStatus, type WorkerShare } from './status.js';
export { jobResults } from './results.js';
export { RedisLimits, BUDGET } from './redis-limits.js';
export { parseQueueUrl, checkJobName, openRedis, type QueueUrl } from './connection.js';
export { QueueUrlError, QueueUnavailableError, JobStateError } from './errors.js';
export type { ChunkData, ChunkOptions } from './chunk.js';
export { startRedisServer } from './redis-server.js';
