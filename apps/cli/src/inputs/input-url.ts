import type { InputItem } from './input-item.js';

/** The URL an input item asks for. */
export function inputUrl(item: InputItem): string {
  const { input } = item;
  return typeof input === 'string' ? input : input instanceof URL ? input.href : String(input.url);
}
