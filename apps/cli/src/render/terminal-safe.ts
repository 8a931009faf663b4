import { redactUrl } from '@fanout/core';

import { terminalSafe } from './terminal-chars.js';

export { terminalSafe };

/** A URL, or a message that may hold one, as the terminal may show it: credentials hidden, controls escaped. */
export function shownText(text: string): string {
  return terminalSafe(redactUrl(text));
}

/** What JSON.stringify leaves raw that a terminal may act on: DEL, C1 controls, line separators, bidi controls. */
const JSON_RAW = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A JSON text with the characters `JSON.stringify` leaves raw but a terminal may act on (C1
 * controls such as U+009B, a one-character CSI; bidi overrides) written as `\uXXXX` escapes:
 * the same JSON value, safe to show. C0 controls are escaped by JSON.stringify already.
 */
export function jsonTerminalSafe(json: string): string {
  JSON_RAW.lastIndex = 0;
  return JSON_RAW.test(json) ? json.replace(JSON_RAW, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
