import { UsageError } from '../errors/usage-error.js';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Splits `Name: value` into a lower-case name and the value. The value may be a secret, so an
 * error shows only where the header came from (`where`), never its text.
 */
export function parseHeaderLine(text: string, where: string): [name: string, value: string] {
  const colon = text.indexOf(':');
  const name = colon > 0 ? text.slice(0, colon).trim() : '';
  if (!TOKEN.test(name)) {
    throw new UsageError(`${where} is not a 'Name: value' header`, "Write headers like -H 'Accept: application/json' (one a line in an @FILE).");
  }
  const value = text.slice(colon + 1).trim();
  if (/[\r\n\0]/.test(value)) throw new UsageError(`${where}: the value of header ${name} has a control character`, 'Header values are one line of text.');
  return [name.toLowerCase(), value];
}
