import type * as BullMQ from 'bullmq';

/**
 * BullMQ, loaded where a chunk queue or worker is made rather than at start-up (a follower never
 * needs it). It is a CommonJS module: a bundle's dynamic import may give its exports as `default`.
 */
export async function loadBullmq(): Promise<typeof BullMQ> {
  const loaded = (await import('bullmq')) as typeof BullMQ & { readonly default?: typeof BullMQ };
  return typeof loaded.Queue === 'function' ? loaded : (loaded.default ?? loaded);
}
