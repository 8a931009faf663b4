import type { Channel } from 'node:diagnostics_channel';

/** What `fanout:request:start` publishes: one HTTP request about to be handed to the transport. */
export interface RequestStartMessage {
  /** Unique per HTTP request in the process; the matching `fanout:request:end` has the same. */
  readonly id: number;
  /** The input's position in its run. */
  readonly index: number;
  readonly method: string;
  /** The URL sent to, password redacted. */
  readonly url: string;
  /** Which attempt of the input (1 for the first, 2 for the first retry, ...). */
  readonly attempt: number;
  /** Redirects followed before this request within its attempt (0 without `followRedirects`). */
  readonly redirects: number;
}

/** What `fanout:request:end` publishes: the start's fields, and how it ended. */
export interface RequestEndMessage extends RequestStartMessage {
  /** The response's status, when one came (any status: a 404 ends here too). */
  readonly status?: number;
  /** Why no response came: the error the transport gave (its `code` when it has one). */
  readonly error?: unknown;
  /** Milliseconds from the start to the response head (a streamed body is not waited for) or the error. */
  readonly ms: number;
}

/** The two channels, made on first use (the module is Node's own and cheap; still only loaded when asked). */
let channels: { readonly start: Channel; readonly end: Channel } | undefined;

export function requestChannels(): { readonly start: Channel; readonly end: Channel } {
  if (channels === undefined) {
    const { channel } = process.getBuiltinModule('node:diagnostics_channel');
    channels = { start: channel('fanout:request:start'), end: channel('fanout:request:end') };
  }
  return channels;
}
