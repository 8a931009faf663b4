import { describe, expect, it, vi } from 'vitest';
import { AbortError } from '../src/errors/abort-error.js';
import { StreamBodyHandler } from '../src/transports/http1/stream-body-handler.js';
import type { TransportRequest } from '../src/transports/transport.js';
import { WholeBodyHandler } from '../src/transports/whole-body-handler.js';
import { Cancellation } from '../src/utils/cancellation.js';

/** A GET whose aborts come from `cancellation`. */
function requestOf(cancellation: Cancellation): TransportRequest {
  return {
    url: 'http://127.0.0.1:1/',
    method: 'GET',
    get signal() {
      return cancellation.signal;
    },
    onAbort: (listener) => cancellation.onAbort(listener),
    maxBodyBytes: 1024,
    followRedirects: false,
  };
}

const HANDLERS = [
  ['whole body', WholeBodyHandler],
  ['streamed body', StreamBodyHandler],
] as const;

describe.each(HANDLERS)('a %s handler and the abort of its request', (_, Handler) => {
  it('aborts the dispatch when the abort comes after the connection, and rejects with the reason', () => {
    const cancellation = new Cancellation();
    const reject = vi.fn();
    const handler = new Handler(requestOf(cancellation), vi.fn(), reject, (error) => error);
    const abortDispatch = vi.fn();
    handler.onConnect(abortDispatch);
    const reason = new AbortError();
    cancellation.abort(reason);
    expect(abortDispatch).toHaveBeenCalledWith(reason);
    expect(reject).toHaveBeenCalledTimes(1);
    expect(reject).toHaveBeenCalledWith(reason);
  });

  it('aborts the dispatch as soon as it connects when the abort came before', () => {
    const cancellation = new Cancellation();
    const reject = vi.fn();
    const handler = new Handler(requestOf(cancellation), vi.fn(), reject, (error) => error);
    const reason = new AbortError();
    cancellation.abort(reason);
    const abortDispatch = vi.fn();
    handler.onConnect(abortDispatch);
    expect(abortDispatch).toHaveBeenCalledWith(reason);
    expect(reject).toHaveBeenCalledTimes(1);
  });

  it('rejects with the reason, without throwing, for a request aborted before the handler was made', () => {
    const cancellation = new Cancellation();
    const reason = new AbortError();
    cancellation.abort(reason);
    const reject = vi.fn();
    expect(() => new Handler(requestOf(cancellation), vi.fn(), reject, (error) => error)).not.toThrow();
    expect(reject).toHaveBeenCalledWith(reason);
  });
});
