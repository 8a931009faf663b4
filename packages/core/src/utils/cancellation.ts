import type { FanoutError } from '../errors/fanout-error.js';

type Listener = (reason: FanoutError) => void;

/**
 * The abort state of one attempt, cheaper than an AbortController: most attempts never abort,
 * so listeners are a plain array and a real `AbortSignal` is made only if someone asks for one
 * (the axios transport does; the http1 and undici ones and the core's own waits do not).
 */
export class Cancellation {
  private abortReason: FanoutError | undefined;
  private controller: AbortController | undefined;
  private listeners: Listener[] | undefined;
  private child: Cancellation | undefined;

  get aborted(): boolean {
    return this.abortReason !== undefined;
  }

  get reason(): FanoutError | undefined {
    return this.abortReason;
  }

  /** An AbortSignal mirroring this cancellation, made on first use. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.abortReason) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  /** Calls `listener` once when aborted (at once if already); returns its removal. */
  onAbort(listener: Listener): () => void {
    if (this.abortReason) {
      listener(this.abortReason);
      return noop;
    }
    (this.listeners ??= []).push(listener);
    return () => {
      const at = this.listeners?.indexOf(listener) ?? -1;
      if (at >= 0) this.listeners?.splice(at, 1);
    };
  }

  /**
   * Makes `child` (one attempt of this request) abort with this cancellation, at once if it
   * already has; replaces the previous child. A field, not a listener: no closure per attempt.
   */
  link(child: Cancellation | undefined): void {
    this.child = child;
    if (child && this.abortReason) child.abort(this.abortReason);
  }

  abort(reason: FanoutError): void {
    if (this.abortReason) return;
    this.abortReason = reason;
    this.controller?.abort(reason);
    this.child?.abort(reason);
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners) for (const listener of listeners) listener(reason);
  }
}

function noop(): void {}
