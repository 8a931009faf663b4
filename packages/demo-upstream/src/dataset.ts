import { readFileSync } from 'node:fs';

/** The resources of jsonplaceholder, with the real data (MIT, see data/jsonplaceholder.LICENSE). */
export const RESOURCES = ['posts', 'comments', 'users', 'todos'] as const;
export type Resource = (typeof RESOURCES)[number];

type Row = Readonly<Record<string, unknown>> & { readonly id: number };

/** Rows of each resource, and each row's JSON text prepared once (the server does no work per hit). */
export interface Dataset {
  readonly rows: Readonly<Record<Resource, readonly Row[]>>;
  readonly json: Readonly<Record<Resource, ReadonlyMap<number, string>>>;
}

/** Loads the bundled jsonplaceholder data. */
export function loadDataset(): Dataset {
  const file = new URL('../data/jsonplaceholder.json', import.meta.url);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<Resource, Row[]>;
  const rows = {} as Record<Resource, readonly Row[]>;
  const json = {} as Record<Resource, ReadonlyMap<number, string>>;
  for (const resource of RESOURCES) {
    rows[resource] = raw[resource];
    json[resource] = new Map(raw[resource].map((row) => [row.id, JSON.stringify(row)]));
  }
  return { rows, json };
}

/** The URL of post `id` on a jsonplaceholder-compatible upstream at `baseUrl`. */
export function postUrl(baseUrl: string, id: number): string {
  return `${baseUrl.replace(/\/+$/, '')}/posts/${id}`;
}
