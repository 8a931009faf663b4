import { UsageError } from '../errors/usage-error.js';
import { isTempName } from './temp-name-pattern.js';

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN = new Set(['index', 'basename', 'host']);
/** The most UTF-8 bytes of a substituted value (a file name has 255 bytes at most). */
const MAX_VALUE_BYTES = 120;

/**
 * Checks a `--name` template: only `{index}`, `{basename}`, `{host}`; `/` makes subdirectories,
 * but no segment may be empty, `.` or `..` and the name may not start with `/`, so a name stays
 * inside the output directory whatever the URL says.
 */
export function checkNameTemplate(template: string): string {
  const hint = 'Use {index}, {basename} and {host}, e.g. --name {host}/{index}-{basename}.';
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    if (!KNOWN.has(name as string)) throw new UsageError(`--name "${template}" has an unknown placeholder {${name}}`, hint);
  }
  const segments = template.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || segment.includes('\\') || segment.includes('\0'))) {
    throw new UsageError(`--name "${template}" must stay inside --output-dir (no leading /, no empty, . or .. parts)`, hint);
  }
  return template;
}

/** A value made safe for one path segment: no separators, control characters, or `.`/`..`. */
function safe(value: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = utf8Prefix(value.replace(/[/\\\u0000-\u001f\u007f]/g, '_'), MAX_VALUE_BYTES);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? '_' : cleaned;
}

/** The longest prefix of `text` of at most `max` UTF-8 bytes, never half a character. */
function utf8Prefix(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let bytes = 0;
  let prefix = '';
  for (const char of text) {
    bytes += Buffer.byteLength(char);
    if (bytes > max) break;
    prefix += char;
  }
  return prefix;
}

function lastSegment(url: URL): string {
  const segment = url.pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The file name of input `index` (fetched from `url`) under a checked template: `{index}` the
 * input's position, `{basename}` the URL's last path segment (the index when it has none),
 * `{host}` the URL's host (`:` as `_`). Placeholder values never contain a `/`. A segment that
 * has the form of fanout's temporary files (`.fanout-<tag>-<pid>-<hex>.part`) gets a `_` prefix.
 */
export function fileName(template: string, index: number, url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const name = template.replace(PLACEHOLDER, (_, placeholder: string) => {
    if (placeholder === 'index') return String(index);
    if (placeholder === 'host') return safe((parsed?.host ?? 'invalid-url').replace(/:/g, '_'));
    const base = parsed ? lastSegment(parsed) : '';
    return base === '' ? String(index) : safe(base);
  });
  // A segment named like a temporary file would be removed by the next run as one a killed run left.
  return name
    .split('/')
    .map((segment) => (isTempName(segment) ? `_${segment}` : segment))
    .join('/');
}

const isPlaceholder = (token: string): boolean => /^\{[^{}]*\}$/.test(token);

/**
 * Whether a checked template gives every input a name of its own by construction: a segment
 * has `{index}` with only fixed text before it and a non-digit (or the segment's end) after it,
 * or the mirror of that (`{index}`, `{index}-{basename}`, `{host}/{basename}.{index}`). Its names
 * then need no check against each other.
 */
export function namesDifferByIndex(template: string): boolean {
  return template.split('/').some((segment) => {
    const tokens = segment.split(/(\{[^{}]*\})/).filter((token) => token !== '');
    const at = tokens.indexOf('{index}');
    if (at < 0) return false;
    const before = tokens.slice(0, at);
    const after = tokens.slice(at + 1);
    const next = after[0];
    const previous = before[before.length - 1];
    const endsAfter = next === undefined || (!isPlaceholder(next) && !/^\d/.test(next));
    const endsBefore = previous === undefined || (!isPlaceholder(previous) && !/\d$/.test(previous));
    return (!before.some(isPlaceholder) && endsAfter) || (!after.some(isPlaceholder) && endsBefore);
  });
}
