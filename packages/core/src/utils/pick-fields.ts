type Json = unknown;

function pickOne(source: Json, fields: readonly string[][]): Json {
  if (source === null || typeof source !== 'object') return source;
  if (Array.isArray(source)) return source.map((item: Json) => pickOne(item, fields));
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
 * are mapped element by element). Missing fields are left out.
 *
 * @example
 * pickFields({ id: 1, title: 't', user: { name: 'n', age: 3 } }, ['title', 'user.name'])
 * // { title: 't', user: { name: 'n' } }
 */
export function pickFields(data: Json, fields: readonly string[]): Json {
  return pickOne(
    data,
    fields.map((field) => field.split('.')),
  );
}
