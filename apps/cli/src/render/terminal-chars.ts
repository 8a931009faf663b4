// Kept free of imports: the command line's own error messages use it before core is loaded.

/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts every escape
 * sequence; BEL ends an OSC title; CR and BS overwrite what was written), DEL, C1 controls
 * (U+009B is a one-character CSI, U+009D an OSC), and the bidirectional overrides and isolates
 * that reorder what is shown ("Trojan Source"). Line feed and tab are kept where a multi-line
 * text is wanted.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS_AND_LINE_BREAKS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escaped(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text from outside (a response body, a URL, a header, an upstream's error message) made safe
 * to write to a terminal: every control character is shown escaped (`ESC` as `\x1b`, U+009B as
 * `\x9b`) instead of being acted on, so a body cannot set the window title, clear the screen or
 * rewrite lines. Nothing is dropped silently. With `lines`, line feeds and tabs stay as they
 * are (a multi-line body); without, the text stays on one line.
 */
export function terminalSafe(text: string, options: { lines?: boolean } = {}): string {
  const pattern = options.lines ? CONTROLS : CONTROLS_AND_LINE_BREAKS;
  pattern.lastIndex = 0;
  return pattern.test(text) ? text.replace(pattern, escaped) : text;
}
