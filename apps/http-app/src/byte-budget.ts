import { BodyTooLargeError, FanoutError, type Transport, type TransportRequest } from '@fanout/core';

/** One API call read as many upstream body bytes as it may; this item's body is not kept. */
export class ByteBudgetError extends FanoutError {
  override readonly name = 'ByteBudgetError' as const;
  readonly code = 'EBYTEBUDGET' as const;

  constructor(
    readonly budgetBytes: number,
    readonly usedBytes: number,
  ) {
    super(`The call's upstream byte budget of ${budgetBytes} bytes is spent (${usedBytes} bytes read); set UPSTREAM_BYTE_BUDGET to allow more`);
  }
}

/**
 * The transport of one API call: each request may read at most what is left of `budgetBytes`
 * (its `maxBodyBytes` is lowered to that), every body read is counted, and once the budget is
 * spent the remaining items fail with `ByteBudgetError` (`EBYTEBUDGET`) without being sent.
 * Requests in flight at once may each read up to what was left when they started, so a call
 * holds at most `concurrency × budgetBytes` in flight and keeps at most `budgetBytes` of bodies.
 * Closing it leaves the shared transport open.
 */
export function withByteBudget(transport: Transport, budgetBytes: number): Transport {
  let used = 0;
  const spent = () => new ByteBudgetError(budgetBytes, used);
  return {
    name: transport.name,
    async send(request: TransportRequest) {
      const left = budgetBytes - used;
      if (left <= 0) throw spent();
      const cap = Math.min(request.maxBodyBytes, left);
      // A view of the request with a lower cap; everything else (getters included) is the request's.
      const limited: TransportRequest = cap < request.maxBodyBytes ? Object.create(request, { maxBodyBytes: { value: cap } }) : request;
      try {
        const response = await transport.send(limited);
        used += Buffer.byteLength(response.body);
        if (used > budgetBytes) throw spent();
        return response;
      } catch (error) {
        if (error instanceof BodyTooLargeError && limited !== request) {
          used += cap;
          throw spent();
        }
        throw error;
      }
    },
    close: () => Promise.resolve(),
  };
}
