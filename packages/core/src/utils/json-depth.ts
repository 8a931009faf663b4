/**
 * The deepest JSON nesting fanout reads by default (`maxJsonDepth`): far past real documents,
 * far short of what blows the stack of the recursive walks that follow (`JSON.stringify`,
 * field picking, renderers).
 */
export const DEFAULT_MAX_JSON_DEPTH = 512;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const CLOSE_BRACE = 125;
const CLOSE_BRACKET = 93;

/**
 * Whether the JSON text `text` nests objects and arrays more than `maxDepth` levels deep, read
 * without recursion and without parsing: one pass over the characters, strings skipped (a
 * bracket inside a string does not count). Checked before `JSON.parse`, so that no value from
 * outside is deeper than any walk of it can go. Malformed text is not judged (parse it to know).
 *
 * @example
 * jsonDepthExceeds('[[[1]]]', 2) // true
 * jsonDepthExceeds('{"a":"[[[["}', 1) // false
 */
export function jsonDepthExceeds(text: string, maxDepth: number): boolean {
  // Every level costs at least one character.
  if (text.length <= maxDepth) return false;
  let depth = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** The index of the quote that closes the string opened at `open` (the text's end if none). */
function stringEnd(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

/**
 * Whether the value `value` nests objects and arrays more than `maxDepth` levels deep, walked
 * with a stack of its own (no recursion; a cycle is too deep, as it never ends). For values that did not
 * come through `JSON.parse` with the check above (a sink's record, a caller's own data).
 */
export function valueDepthExceeds(value: unknown, maxDepth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: Array<{ readonly value: object; readonly depth: number }> = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: object; depth: number };
    if (depth > maxDepth) return true;
    for (const child of Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child as object, depth: depth + 1 });
    }
  }
  return false;
}

/** Values parsed with the depth check (or made from such), which need no second walk. */
const bounded = new WeakSet<object>();

/** Marks `value` as checked for depth (a parsed response body); gives it back. */
export function markBounded<T>(value: T): T {
  if (value !== null && typeof value === 'object') bounded.add(value);
  return value;
}

/** Whether `value` nests deeper than `maxDepth`, walking it only when it was not checked when parsed. */
export function isTooDeep(value: unknown, maxDepth: number): boolean {
  return value !== null && typeof value === 'object' && !bounded.has(value) && valueDepthExceeds(value, maxDepth);
}
