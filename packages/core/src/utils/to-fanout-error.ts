import { FanoutError } from '../errors/fanout-error.js';
import { NetworkError } from '../errors/network-error.js';
import type { Cancellation } from './cancellation.js';

function systemCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code) && !code.startsWith('ERR_')) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Maps anything a transport threw to a `FanoutError`. An aborted attempt wins: its reason
 * (timeout, deadline or abort) is the real cause, whatever the transport made of it.
 */
export function toFanoutError(error: unknown, cancellation?: Cancellation): FanoutError {
  if (cancellation?.reason) return cancellation.reason;
  if (error instanceof FanoutError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = systemCode(error);
  if (code === 'ECONNABORTED' || /aborted|terminated|socket hang up/i.test(message)) {
    return new NetworkError(code === 'ECONNABORTED' || !code ? 'ECONNRESET' : code, message || 'Connection closed early', { cause: error });
  }
  return new NetworkError(code ?? 'ENETWORK', message || 'Network error', { cause: error });
}
