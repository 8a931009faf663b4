import { UsageError } from '../usage-error.js';

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN = new Set(['index', 'basename', 'host']);
/** The longest a substituted value may be (a file name has 255 bytes at most). */
const MAX_VALUE = 120;

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
  const cleaned = value.replace(/[/\\\u0000-\u001f\u007f]/g, '_').slice(0, MAX_VALUE);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? '_' : cleaned;
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
 * `{host}` the URL's host (`:` as `_`). Placeholder values never contain a `/`.
 */
export function fileName(template: string, index: number, url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  return template.replace(PLACEHOLDER, (_, name: string) => {
    if (name === 'index') return String(index);
    if (name === 'host') return safe((parsed?.host ?? 'invalid-url').replace(/:/g, '_'));
    const base = parsed ? lastSegment(parsed) : '';
    return base === '' ? String(index) : safe(base);
  });
}
