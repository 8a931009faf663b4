// The public API of @fanout/core, chosen export by export (ky's index.ts is the model). Whatever
// is not here is internal and may change in any release:
// - fetchOne, createRunContext, resolveOptions, DEFAULTS: the engine's parts; `fanout` is the way
//   in, and defaults are documented on each option (`@default`). What is exported of them is
//   `defaults`, a frozen copy of the main ones: a caller that shows or builds on a default (the
//   CLI's help, its connection pool) reads it there instead of writing the number again.
// - demandSource, inInputOrder: the operators `fanout` is built from (lazy pulling, `ordered`).
// - isRetryable, the RetryBudget, HostGate, RateLimiter, Semaphore: the policy and limits behind
//   the `retry`, `perHost`, `rate` and `perHostRate` options.
// - parseRetryAfter, fullJitterBackoff, pickFields: helpers of those options.
// - the post-id lists of the CLI and the app (`parseIdList`) live in @fanout/demo-upstream.

// Running requests
export { fanout, sequential } from './engine/fanout.js';
export { fanoutIterable } from './engine/fanout-iterable.js';
export { compare, type Comparison, type CompareOptions, type RunMode } from './stats/compare.js';
export type { FanoutOptions, ResponseType } from './contract/options.js';
export type { RetryContext, RetryOptions } from './retry/retry-options.js';
export type { Inputs } from './operators/demand-source.js';
export type { RequestInput, RequestSpec } from './contract/request.js';
export { HTTP_METHODS, isHttpMethod, type HttpMethod } from './transports/http-method.js';
export { defaults, type FanoutDefaults } from './contract/defaults.js';
export type { PickFields } from './contract/pick-fields-type.js';
export type { SharedLimits, CircuitAdmission, CircuitOutcome } from './limits/shared-limits.js';
export type { AnnouncedBudget } from './limits/announced-budget.js';
export type { CircuitBreakerOptions } from './limits/circuit-breaker.js';
export type { BodySink, BodyTarget, SinkResponse } from './sink/body-sink.js';

// Results and what they add up to
export type { FailedResult, FetchResult, OkResult, Timing } from './contract/result.js';
export type { AttemptSpan, RequestTimeline } from './contract/timeline.js';
export type { LimitPoint } from './limits/limit-history.js';
export type { HostLimitSummary } from './stats/host-limits.js';
export { serializeResult, type SerializedResult } from './contract/serialize-result.js';
export { summarize, SummaryBuilder, type Summary } from './stats/summary.js';
export type { LatencyStats } from './stats/time-histogram.js';
export { summarizeRun } from './stats/summarize-run.js';
export { sweep, sweepConcurrencies, kneeOf, KNEE_SHARE, type SweepLevel, type SweepOptions } from './stats/sweep.js';

// Errors
export * from './errors/index.js';

// Transports
export type { AttemptTiming, Transport, TransportRequest, TransportResponse, TransportStreamResponse } from './transports/transport.js';
export type { TransportOptions, TransportTlsOptions } from './transports/transport-options.js';
export { http1Transport, type Http1TransportOptions } from './transports/http1-transport.js';
export { createTransport, defaultTransportName, TRANSPORT_NAMES, type TransportName } from './transports/create-transport.js';

// Utilities for feeding inputs and writing results
export { readLines, numberedLines, LineSplitter, MAX_LINE_BYTES, type NumberedLine } from './utils/read-lines.js';
export { LineTooLongError } from './errors/line-too-long-error.js';
export { paced } from './utils/paced.js';
export { whenWritable } from './utils/when-writable.js';
export { redactUrl } from './base/redact-url.js';
export { clampDelay, MAX_TIMER_MS } from './base/timer.js';
export { jsonDepthExceeds, DEFAULT_MAX_JSON_DEPTH } from './utils/json-depth.js';
