import { AbortError } from '../errors/abort-error.js';
import { FanoutError } from '../errors/fanout-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { CircuitBreaker, type HostBreaker } from '../limits/circuit-breaker.js';
import { SharedCircuitBreaker, sharesCircuit } from '../limits/shared-circuit-breaker.js';
import { HostGate } from '../limits/host-gate.js';
import { RetryBudget } from '../limits/retry-budget.js';
import type { ResolvedOptions } from '../contract/options.js';
import { defaultTransport } from '../transports/create-transport.js';
import type { Transport } from '../transports/transport.js';
import type { Cancellation } from '../utils/cancellation.js';
import { TimeoutQueue } from '../utils/timeout-queue.js';

/** What every request of one run shares: options, transport, limits and the run's signal. */
export interface RunContext {
  readonly options: ResolvedOptions;
  readonly transport: Transport;
  readonly gate: HostGate;
  readonly budget: Pick<RetryBudget, 'recordRequest' | 'tryTakeRetry'>;
  /** The per-host circuit breaker (shared by every process when `sharedLimits` keeps it), unless `circuitBreaker: false`. */
  readonly breaker?: HostBreaker;
  /** When the run's deadline passes, on the `performance.now()` clock; undefined without one. */
  readonly deadlineAt: number | undefined;
  /** Aborts when the caller's signal fires or the deadline passes; its reason is a FanoutError. */
  readonly signal: AbortSignal;
  /**
   * Ties a request's cancellation to the run: the run's abort (its deadline, the caller's signal)
   * aborts it with the run's reason, at once if the run has already aborted. One Set entry per
   * request is far cheaper than an abort listener per request on a shared signal.
   */
  track(cancellation: Cancellation): void;
  /** Unties a finished request. */
  untrack(cancellation: Cancellation): void;
  /** Aborts every request in flight with `reason` (unsubscribing does, with an `AbortError`). */
  abortAll(reason: FanoutError): void;
  /** The attempts' timeouts (`timeout` ms each), on one timer. */
  readonly timeouts: TimeoutQueue;
  /** Clears the deadline, detaches from the caller's signal, closes an owned transport. */
  dispose(): void;
}

/** Builds the shared state of one run. */
export function createRunContext(options: ResolvedOptions): RunContext {
  const controller = new AbortController();
  const inFlight = new Set<Cancellation>();
  const abortAll = (reason: FanoutError) => {
    const all = [...inFlight];
    inFlight.clear();
    for (const cancellation of all) cancellation.abort(reason);
  };
  controller.signal.addEventListener('abort', () => abortAll(controller.signal.reason as FanoutError), { once: true });
  const userSignal = options.signal;
  const onUserAbort = () => {
    const reason: unknown = userSignal?.reason;
    controller.abort(reason instanceof FanoutError ? reason : new AbortError('Run was aborted'));
  };
  if (userSignal?.aborted) onUserAbort();
  else userSignal?.addEventListener('abort', onUserAbort, { once: true });

  const deadline = options.deadline;
  const deadlineAt = deadline === undefined ? undefined : performance.now() + deadline;
  const deadlineTimer =
    deadline === undefined ? undefined : setTimeout(() => controller.abort(new TimeoutError(deadline, 'EDEADLINE')), deadline);
  deadlineTimer?.unref();

  const timeouts = new TimeoutQueue(options.timeout, () => new TimeoutError(options.timeout));
  const transport = options.transport ?? defaultTransport(options.concurrency, options.perHost);
  const budget = options.retry.budget;
  return {
    options,
    transport,
    gate: new HostGate({
      perHost: options.perHost,
      limitHistory: options.timeline,
      rate: options.rate,
      perHostRate: options.perHostRate,
      shared: options.sharedLimits,
      adaptiveMax: options.adaptive ? options.maxConcurrency : undefined,
      rateLimitHeaders: options.rateLimitHeaders ? { maxInFlightMs: options.timeout, maxWaitMs: options.retry.maxRetryAfter } : undefined,
    }),
    budget: options.sharedLimits ?? (budget ? new RetryBudget(budget.ratio, budget.min) : UNLIMITED),
    deadlineAt,
    breaker: createBreaker(options),
    signal: controller.signal,
    track(cancellation) {
      if (controller.signal.aborted) cancellation.abort(controller.signal.reason as FanoutError);
      else inFlight.add(cancellation);
    },
    untrack(cancellation) {
      inFlight.delete(cancellation);
    },
    abortAll,
    timeouts,
    dispose() {
      clearTimeout(deadlineTimer);
      timeouts.close();
      userSignal?.removeEventListener('abort', onUserAbort);
      if (!options.transport) void transport.close();
    },
  };
}

function noop(): void {}

/** `retry.budget: false`: every retry the policy asks for is allowed. */
const UNLIMITED: RunContext['budget'] = { recordRequest: noop, tryTakeRetry: () => true };

/** The circuit breaker of a run: shared when `sharedLimits` keeps one, else this process's own. */
function createBreaker(options: ResolvedOptions): HostBreaker | undefined {
  if (!options.circuitBreaker) return undefined;
  if (!sharesCircuit(options.sharedLimits)) return new CircuitBreaker(options.circuitBreaker);
  // A probe holds the host's probe slot for at most its attempt's timeout (and a margin).
  return new SharedCircuitBreaker(options.sharedLimits, options.circuitBreaker, options.timeout + 1000);
}
