import { CircuitOpenError } from '../errors/circuit-open-error.js';
import type { FanoutError } from '../errors/fanout-error.js';
import { isConnectionFailure, type CircuitBreakerOptions, type HostBreaker } from './circuit-breaker.js';
import type { CircuitAdmission, CircuitOutcome, SharedLimits } from './shared-limits.js';

/** The members of `SharedLimits` a shared circuit breaker needs. */
type SharedCircuit = Required<Pick<SharedLimits, 'circuitAdmit' | 'circuitRecord'>>;

/** Whether `shared` keeps the circuit breaker for every process. */
export function sharesCircuit(shared: SharedLimits | undefined): shared is SharedLimits & SharedCircuit {
  return shared?.circuitAdmit !== undefined && shared.circuitRecord !== undefined;
}

/**
 * The per-host circuit breaker kept in `SharedLimits` (Redis), so that when one process finds a
 * host dead every process fails its requests fast, and one probe at a time, across processes,
 * goes after the cool-down. Same rules as {@link CircuitBreaker}. Outcomes are recorded without
 * waiting (in order on the shared connection); a failure to record is ignored, as a pause is.
 * The `cause` of its `CircuitOpenError`s is the last connection failure this process saw from
 * the host (none when only other processes did).
 */
export class SharedCircuitBreaker implements HostBreaker {
  /** The last connection failure per host, while the host has not answered since. */
  private readonly lastFailures = new Map<string, FanoutError>();
  private lastRecording: Promise<void> | undefined;

  /**
   * @param probeLeaseMs how long a probe holds the host's probe slot: the attempt timeout and a
   * margin, so a probe whose process died frees it.
   */
  constructor(
    private readonly shared: SharedCircuit,
    private readonly options: Required<CircuitBreakerOptions>,
    private readonly probeLeaseMs: number,
  ) {}

  admit(host: string): boolean | Promise<boolean> {
    const admission = this.shared.circuitAdmit(host, this.probeLeaseMs);
    // Known at once (no promise, no microtask), or asked of the other processes.
    return admission instanceof Promise ? admission.then((known) => this.decide(host, known)) : this.decide(host, admission);
  }

  private decide(host: string, admission: CircuitAdmission): boolean {
    if (admission.state === 'open') throw new CircuitOpenError(host, admission.failures, admission.retryInMs, { cause: this.lastFailures.get(host) });
    return admission.state === 'probe';
  }

  recordSuccess(host: string): void {
    this.lastFailures.delete(host);
    this.record(host, 'response', false);
  }

  recordFailure(host: string, error: FanoutError, probe: boolean): void {
    if (isConnectionFailure(error)) {
      this.lastFailures.set(host, error);
      this.record(host, 'unreachable', probe);
    }
    else if (probe) this.record(host, 'other', true);
  }

  private record(host: string, outcome: CircuitOutcome, probe: boolean): void {
    const recording = this.shared.circuitRecord(host, outcome, probe, this.options);
    // Outcomes recorded together may share one promise: one handler for all of them.
    if (recording === this.lastRecording) return;
    this.lastRecording = recording;
    void recording.catch(() => undefined);
  }
}
