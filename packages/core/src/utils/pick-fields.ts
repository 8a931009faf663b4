import { ParseError } from '../errors/parse-error.js';
import { DEFAULT_MAX_JSON_DEPTH } from './json-depth.js';

type Json = unknown;

function pickOne(source: Json, fields: readonly string[][], depth: number, maxDepth: number): Json {
  if (source === null || typeof source !== 'object') return source;
  if (depth > maxDepth) throw ParseError.tooDeep(maxDepth, 'Data');
  if (Array.isArray(source)) return source.map((item: Json) => pickOne(item, fields, depth + 1, maxDepth));
  const out: Record<string, Json> = {};
  for (const path of fields) {
    let from: Json = source;
    let to = out;
    for (let i = 0; i < path.length; i++) {
      const key = path[i] as string;
      if (from === null || typeof from !== 'object' || !(key in from)) break;
      from = (from as Record<string, Json>)[key];
      if (i === path.length - 1) {
        to[key] = from;
      } else {
        const next = (to[key] ?? {}) as Record<string, Json>;
        to[key] = next;
        to = next;
      }
    }
  }
  return out;
}

/**
 * Keeps only the named fields of a JSON value (dotted paths reach into nested objects; arrays
 * are mapped element by element). Missing fields are left out. Arrays nested deeper than
 * `maxDepth` throw `ParseError` (`EJSONDEPTH`), never a stack overflow.
 *
 * @example
 * pickFields({ id: 1, title: 't', user: { name: 'n', age: 3 } }, ['title', 'user.name'])
 * // { title: 't', user: { name: 'n' } }
 */
export function pickFields(data: Json, fields: readonly string[], maxDepth = DEFAULT_MAX_JSON_DEPTH): Json {
  return pickOne(
    data,
    fields.map((field) => field.split('.')),
    1,
    maxDepth,
  );
}
