import { FanoutError } from './fanout-error.js';

/**
 * A transport was chosen by name (`createTransport('undici')`, `FANOUT_TRANSPORT=axios`) whose
 * package is not installed: `Transport "undici" needs its package: npm install @fanout/undici`.
 * Every request of the run fails with it; never retried.
 */
export class TransportNotInstalledError extends FanoutError {
  override readonly name = 'TransportNotInstalledError' as const;
  readonly code = 'ETRANSPORTMISSING' as const;

  /**
   * @param transport the transport's name (`undici`, `axios`).
   * @param packageName the package that provides it (`@fanout/undici`).
   */
  constructor(
    readonly transport: string,
    readonly packageName: string,
    options?: { cause?: unknown },
  ) {
    super(`Transport "${transport}" needs its package: npm install ${packageName}`, options);
  }
}
