import type { FetchResult } from '@fanout/core';
import { shownText } from '../render/terminal-safe.js';

function has(data: unknown, path: readonly string[]): boolean {
  if (Array.isArray(data)) return data.length === 0 || data.some((item) => has(item, path));
  let at: unknown = data;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || !(key in at)) return false;
    at = (at as Record<string, unknown>)[key];
  }
  return true;
}

/**
 * Warns once on stderr when a `--fields` path matched nothing in an ok JSON response (a typo
 * such as `--fields titel` would otherwise print empty objects and say nothing).
 */
export class FieldsWatch {
  private readonly pending: Map<string, readonly string[]>;

  constructor(
    fields: readonly string[] | undefined,
    private readonly warn: (text: string) => void,
  ) {
    this.pending = new Map((fields ?? []).map((field) => [field, field.split('.')]));
  }

  check(result: FetchResult): void {
    if (this.pending.size === 0 || !result.ok || result.data === null || typeof result.data !== 'object') return;
    const missing = [...this.pending].filter(([, path]) => !has(result.data, path)).map(([field]) => field);
    if (missing.length === 0) return;
    for (const field of missing) this.pending.delete(field);
    this.warn(`fanout: warning: --fields ${missing.join(',')} matched nothing in the response of ${shownText(result.url)} (said once)\n`);
  }
}
