import { CircuitOpenError } from '../errors/circuit-open-error.js';
import type { FanoutError } from '../errors/fanout-error.js';
import { NetworkError } from '../errors/network-error.js';
import { TimeoutError } from '../errors/timeout-error.js';

/** Thresholds of the per-host circuit breaker (option `circuitBreaker`). */
export interface CircuitBreakerOptions {
  /**
   * Attempts in a row to one host that failed to connect (any `NetworkError`) or timed out
   * (`ETIMEDOUT`) before the host's circuit opens. A response of any status counts as a success.
   * @default 5
   */
  readonly failures?: number;
  /**
   * Milliseconds an open circuit waits before it lets one probe request through. The probe's
   * success closes the circuit; its failure opens it for another cool-down.
   * @default 10000
   */
  readonly cooldown?: number;
}

/** The defaults of {@link CircuitBreakerOptions}. */
export const CIRCUIT_BREAKER_DEFAULTS = { failures: 5, cooldown: 10_000 } as const satisfies Required<CircuitBreakerOptions>;

/**
 * Checks the `circuitBreaker` option and fills in its defaults; `false` turns the breaker off.
 * Throws a `RangeError` naming the bad value.
 */
export function resolveCircuitBreaker(option: CircuitBreakerOptions | false | undefined): Required<CircuitBreakerOptions> | false {
  if (option === false) return false;
  const resolved = { ...CIRCUIT_BREAKER_DEFAULTS, ...Object.fromEntries(Object.entries(option ?? {}).filter(([, v]) => v !== undefined)) };
  if (!Number.isInteger(resolved.failures) || resolved.failures < 1) {
    throw new RangeError(`Option circuitBreaker.failures must be an integer >= 1, got ${resolved.failures}`);
  }
  if (Number.isNaN(resolved.cooldown) || resolved.cooldown < 0) {
    throw new RangeError(`Option circuitBreaker.cooldown must be a number >= 0, got ${resolved.cooldown}`);
  }
  return resolved;
}

/** Whether an attempt's failure says the host is unreachable (not that it answered badly). */
export function isConnectionFailure(error: FanoutError): boolean {
  return error instanceof NetworkError || (error instanceof TimeoutError && error.code === 'ETIMEDOUT');
}

/** What an attempt asks of the circuit breaker: this process's {@link CircuitBreaker}, or one shared by every process. */
export interface HostBreaker {
  /**
   * Call before an attempt is sent. Throws (or rejects with) `CircuitOpenError` when the host's
   * circuit is open; gives `true` when this attempt is the probe (then its outcome must be recorded).
   */
  admit(host: string): boolean | Promise<boolean>;
  /** A response (of any status) came from `host`. */
  recordSuccess(host: string): void;
  /** An attempt to `host` failed with `error`. */
  recordFailure(host: string, error: FanoutError, probe: boolean): void;
}

interface HostCircuit {
  /** Failed attempts in a row (reset by any response). */
  failures: number;
  /** When the circuit opened (Date.now()), or undefined while closed. */
  openedAt: number | undefined;
  /** A probe is on its way; everything else still fails fast. */
  probing: boolean;
  /** The failure that opened the circuit (the `cause` of its `CircuitOpenError`s). */
  openedBy: FanoutError | undefined;
}

/**
 * A per-host circuit breaker: closed while a host answers; open after `failures` attempts in a
 * row failed to connect or timed out, so the host's remaining requests fail fast with
 * `CircuitOpenError` instead of costing `timeout × attempts` each; half-open after `cooldown`,
 * when one probe goes: its success closes the circuit, its failure opens it again.
 * Only hosts that failed hold state, so a run over a million healthy hosts keeps none.
 */
export class CircuitBreaker implements HostBreaker {
  private readonly hosts = new Map<string, HostCircuit>();

  constructor(private readonly options: Required<CircuitBreakerOptions>) {}

  /**
   * Call before an attempt is sent. Throws `CircuitOpenError` when the host's circuit is open;
   * returns `true` when this attempt is the probe (then its outcome must be recorded).
   */
  admit(host: string): boolean {
    const circuit = this.hosts.get(host);
    if (circuit?.openedAt === undefined) return false;
    const waited = Date.now() - circuit.openedAt;
    if (circuit.probing || waited < this.options.cooldown) {
      throw new CircuitOpenError(host, circuit.failures, Math.max(0, this.options.cooldown - waited), { cause: circuit.openedBy });
    }
    circuit.probing = true;
    return true;
  }

  /** A response (of any status) came from `host`: the host is up, its circuit closes. */
  recordSuccess(host: string): void {
    this.hosts.delete(host);
  }

  /**
   * An attempt to `host` failed with `error`. Connection failures and timeouts count towards
   * opening the circuit (and reopen it after a failed probe); other errors end a probe without
   * changing the count.
   */
  recordFailure(host: string, error: FanoutError, probe: boolean): void {
    let circuit = this.hosts.get(host);
    if (!isConnectionFailure(error)) {
      if (probe && circuit) circuit.probing = false;
      return;
    }
    if (!circuit) {
      circuit = { failures: 0, openedAt: undefined, probing: false, openedBy: undefined };
      this.hosts.set(host, circuit);
    }
    circuit.failures++;
    if (probe || (circuit.openedAt === undefined && circuit.failures >= this.options.failures)) {
      circuit.openedAt = Date.now();
      circuit.probing = false;
      circuit.openedBy = error;
    }
  }
}
