import type { ServerResponse } from 'node:http';
import { TimeoutError, type FanoutOptions } from '@fanout/core';
import { withByteBudget } from './byte-budget.js';
import type { AppContext } from './context.js';
import type { RunQuery } from './params.js';
import { callShapingHeaders } from './upstream-shaping.js';

/**
 * The core options of one API call: the app's run options, a transport with this call's own
 * byte budget, the call's deadline (core's `deadline`: in-flight requests are aborted and
 * the rest fail with `EDEADLINE`; a `Retry-After` past it fails at once), and the call's own
 * `latency` / `failRate` for the embedded upstream, sent with each of its requests.
 */
export function callOptions(ctx: AppContext, query: RunQuery, concurrency = query.concurrency): FanoutOptions {
  const headers = { ...ctx.runOptions.headers, ...callShapingHeaders(ctx.embeddedUpstream, query.upstream) };
  return { ...ctx.runOptions, headers, transport: withByteBudget(ctx.transport, ctx.limits.byteBudget, concurrency), deadline: ctx.limits.deadlineMs, concurrency };
}

/**
 * A signal that aborts with the call's `EDEADLINE` `TimeoutError` when the deadline passes, or
 * when `gone` aborts: for calls made of more than one run (compare), whose runs each get the
 * deadline but must also end together within it. `dispose` clears the timer.
 */
export function callSignal(ctx: AppContext, gone: AbortSignal): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutError(ctx.limits.deadlineMs, 'EDEADLINE')), ctx.limits.deadlineMs);
  const onGone = () => controller.abort(gone.reason);
  gone.addEventListener('abort', onGone, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      gone.removeEventListener('abort', onGone);
    },
  };
}

/**
 * Runs a call made of more than one run (compare, sweep) under {@link callSignal}: `run` gets a
 * signal that aborts at the call's deadline or when the client goes away. `undefined` when the
 * client went away first (there is no one to answer).
 */
export async function runCall<T>(ctx: AppContext, res: ServerResponse, run: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  const gone = new AbortController();
  const onClose = () => gone.abort();
  res.once('close', onClose);
  const call = callSignal(ctx, gone.signal);
  try {
    const outcome = await run(call.signal);
    return gone.signal.aborted ? undefined : outcome;
  } finally {
    res.off('close', onClose);
    call.dispose();
  }
}
