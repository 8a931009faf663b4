import type { FanoutError, SerializedCause } from '@fanout/core';
import { clip } from './format.js';
import { shownText, terminalSafe } from './terminal-safe.js';

/** How much of an error response's body the text output shows (the library keeps up to 1024 characters). */
export const BODY_SHOWN_CHARS = 300;

function bodyOf(error: FanoutError, json: object): string | undefined {
  const body = 'body' in json ? json.body : 'body' in error ? error.body : undefined;
  return typeof body === 'string' && body.trim() !== '' ? body : undefined;
}

function causeOf(json: object): SerializedCause | undefined {
  const cause = 'cause' in json ? json.cause : undefined;
  return cause !== null && typeof cause === 'object' && 'message' in cause ? (cause as SerializedCause) : undefined;
}

/**
 * The lines a failed result shows under its status line in text output, saying why it failed
 * beyond its message: `body: …` the start of an error response's body (whitespace folded, at
 * most {@link BODY_SHOWN_CHARS} characters) and `cause: CODE message` when the cause tells
 * something the message does not (for `ECIRCUITOPEN`, the failure that opened the circuit).
 * Control characters are shown escaped, URL credentials hidden.
 */
export function failureDetails(error: FanoutError): string[] {
  const json: object = error.toJSON();
  const lines: string[] = [];
  const body = bodyOf(error, json);
  if (body !== undefined) lines.push(`body: ${clip(terminalSafe(body.replace(/\s+/g, ' ').trim()), BODY_SHOWN_CHARS)}`);
  const cause = causeOf(json);
  if (cause !== undefined && (error.code === 'ECIRCUITOPEN' || !error.message.includes(cause.message))) {
    const code = cause.code === undefined ? cause.name : cause.code;
    lines.push(`cause: ${terminalSafe(code)} ${shownText(cause.message)}`);
  }
  return lines;
}
