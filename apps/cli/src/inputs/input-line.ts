import { DEFAULT_MAX_JSON_DEPTH, HTTP_METHODS, isHttpMethod, jsonDepthExceeds, type HttpMethod, type RequestInput } from '@fanout/core';
import type { InputItem } from './input-item.js';
import type { RequestDefaults } from './request-defaults.js';

const SPEC_FIELDS = new Set(['url', 'method', 'headers', 'body']);

/** A request spec line as written: `{"url", "method", "headers", "body": string | object}`. */
interface SpecLine {
  readonly url: string;
  readonly method?: HttpMethod;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** The position JSON.parse complains about, without the text (a line may hold a secret). */
function jsonProblem(error: unknown): string {
  const at = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  return at ? `not valid JSON (at column ${Number(at[1]) + 1})` : 'not valid JSON';
}

function parseSpec(text: string): SpecLine | string {
  // Checked before parsing: a spec nested deeper would crash the walks that follow (JSON.stringify).
  if (jsonDepthExceeds(text, DEFAULT_MAX_JSON_DEPTH)) return `nested more than ${DEFAULT_MAX_JSON_DEPTH} levels deep`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return jsonProblem(error);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'a request spec must be a JSON object';
  const spec = value as Record<string, unknown>;
  const unknown = Object.keys(spec).find((key) => !SPEC_FIELDS.has(key));
  if (unknown !== undefined) return `unknown field ${JSON.stringify(unknown.slice(0, 40))} (a spec has url, method, headers, body)`;
  if (typeof spec.url !== 'string') return '"url" must be a string';
  const method = typeof spec.method === 'string' ? spec.method.toUpperCase() : spec.method;
  if (method !== undefined && !isHttpMethod(method)) return `"method" must be one of ${HTTP_METHODS.join(', ')}`;
  const headers: Record<string, string> = {};
  if (spec.headers !== undefined) {
    if (spec.headers === null || typeof spec.headers !== 'object' || Array.isArray(spec.headers)) return '"headers" must be an object of strings';
    for (const [name, v] of Object.entries(spec.headers)) {
      if (typeof v !== 'string') return `header ${JSON.stringify(name.slice(0, 40))} must be a string`;
      headers[name.toLowerCase()] = v;
    }
  }
  let body: string | undefined;
  if (typeof spec.body === 'string') body = spec.body;
  else if (spec.body !== undefined && spec.body !== null && typeof spec.body === 'object') {
    body = JSON.stringify(spec.body);
    headers['content-type'] ??= 'application/json';
  } else if (spec.body !== undefined) return '"body" must be a string or a JSON object';
  return { url: spec.url, method, headers, body };
}

/** A plain URL with the flags' method and body, or the URL itself when the flags set neither. */
export function withDefaults(url: string, defaults: RequestDefaults): RequestInput {
  if (defaults.method === undefined && defaults.body === undefined) return url;
  return { url, method: defaults.method ?? 'POST', body: defaults.body };
}

/**
 * One input line: a request spec when it starts with `{` (its fields win over the flags'
 * defaults; headers merge, names lower-cased), else a URL. A bad spec is a `problem`, so that it
 * fails on its own as a result instead of stopping the run.
 */
export function inputFromLine(text: string, line: number, defaults: RequestDefaults): InputItem {
  if (!text.startsWith('{')) return { input: withDefaults(text, defaults), line };
  const spec = parseSpec(text);
  if (typeof spec === 'string') return { input: { url: '' }, line, problem: spec };
  const body = spec.body ?? defaults.body;
  return {
    input: { url: spec.url, method: spec.method ?? defaults.method ?? (body === undefined ? 'GET' : 'POST'), headers: spec.headers, body },
    line,
  };
}
