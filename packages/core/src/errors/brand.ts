/**
 * The mark every fanout error carries, registered globally (`Symbol.for`), so that two copies
 * of the package (two versions in one `node_modules` tree) recognise each other's errors.
 */
export const FANOUT_ERROR_BRAND: unique symbol = Symbol.for('fanout.error') as never;

/** Whether `value` carries the brand: an error made by any copy of fanout. */
export function hasFanoutBrand(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && (value as { [FANOUT_ERROR_BRAND]?: unknown })[FANOUT_ERROR_BRAND] === true;
}
