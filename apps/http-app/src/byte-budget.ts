import { BodyTooLargeError, FanoutError, type Transport, type TransportRequest } from '@fanout/core';

/** One API call read as many upstream body bytes as it may; this item's body is not kept. */
export class ByteBudgetError extends FanoutError {
  override readonly name = 'ByteBudgetError' as const;
  readonly code = 'EBYTEBUDGET' as const;

  constructor(budgetBytes: number, usedBytes: number, shareBytes?: number) {
    super(
      shareBytes === undefined
        ? `The call's upstream byte budget of ${budgetBytes} bytes is spent (${usedBytes} bytes read); set UPSTREAM_BYTE_BUDGET to allow more`
        : `The response passed its share (${shareBytes} bytes) of the call's upstream byte budget of ${budgetBytes} bytes; set UPSTREAM_BYTE_BUDGET, or use a lower concurrency, to allow more`,
    );
  }
}

/**
 * The transport of one API call, which may read `budgetBytes` of upstream bodies in all, held in
 * flight or kept: each request reserves an equal share of what is neither read nor reserved by
 * the others (`slots` requests at most in flight) and its `maxBodyBytes` is lowered to that;
 * when it ends, its body's real size is counted and the rest of its share is free again. A body
 * past its share fails with `ByteBudgetError` (`EBYTEBUDGET`), and once the budget is spent the
 * remaining items fail the same way without being sent. Closing it leaves `transport` open.
 *
 * @example
 * fanout(urls, { concurrency: 8, transport: withByteBudget(shared, 8 * 1024 * 1024, 8) });
 */
export function withByteBudget(transport: Transport, budgetBytes: number, slots: number): Transport {
  let used = 0;
  let reserved = 0;
  let inFlight = 0;
  return {
    name: transport.name,
    async send(request: TransportRequest) {
      const free = budgetBytes - used - reserved;
      if (budgetBytes - used <= 0 || free <= 0) throw new ByteBudgetError(budgetBytes, used);
      const share = Math.min(request.maxBodyBytes, Math.floor(free / Math.max(1, slots - inFlight)));
      reserved += share;
      inFlight++;
      // A view of the request with the lower cap; everything else (getters included) is the request's.
      const limited: TransportRequest = share < request.maxBodyBytes ? Object.create(request, { maxBodyBytes: { value: share } }) : request;
      let read = share;
      try {
        const response = await transport.send(limited);
        read = Buffer.byteLength(response.body);
        return response;
      } catch (error) {
        if (error instanceof BodyTooLargeError && limited !== request) throw new ByteBudgetError(budgetBytes, used + share, share);
        read = 0;
        throw error;
      } finally {
        reserved -= share;
        inFlight--;
        used += read;
      }
    },
    close: () => Promise.resolve(),
  };
}
