import { subscribe } from 'node:diagnostics_channel';
import type { AttemptTiming } from '../transport.js';

/** When each connection undici opened (since the first timed attempt) was ready; deleted at its first request. */
const fresh = new WeakMap<object, number>();
/** The timed attempt undici is writing right now (between its `onRequestStart` and its `sendHeaders`). */
let writing: AttemptTiming | undefined;
let subscribed = false;

function onConnected(message: unknown): void {
  const socket = (message as { socket?: object }).socket;
  if (socket) fresh.set(socket, performance.now());
}

function onSendHeaders(message: unknown): void {
  const timing = writing;
  if (!timing) return;
  writing = undefined;
  const socket = (message as { socket?: object }).socket;
  const at = socket && fresh.get(socket);
  if (at === undefined || !socket) return;
  fresh.delete(socket);
  timing.connected(at);
}

/**
 * Called before an attempt with `timing` (the `timeline` option) is dispatched: subscribes to
 * undici's `undici:client:connected` and `undici:client:sendHeaders` diagnostics channels the
 * first time (a process that never asks for a timeline subscribes to nothing), so the
 * connection this attempt may open is seen. Returns `timing`.
 */
export function timedAttempt(timing: AttemptTiming): AttemptTiming {
  if (!subscribed) {
    subscribed = true;
    subscribe('undici:client:connected', onConnected);
    subscribe('undici:client:sendHeaders', onSendHeaders);
  }
  return timing;
}

/**
 * Called from the dispatch handler's `onRequestStart` of a timed attempt: undici calls it while
 * it writes the request to its connection and publishes `undici:client:sendHeaders` (with the
 * socket) in the same synchronous step, so the socket the attempt went out on is known. If
 * undici published `undici:client:connected` for that socket and no request used it before,
 * the attempt opened it, and its connect time is reported.
 */
export function writingAttempt(timing: AttemptTiming): void {
  writing = timing;
}
