/**
 * The mark every fanout error carries, registered globally (`Symbol.for`), so that two copies
 * of the package (two versions in one `node_modules` tree) recognise each other's errors.
 */
export const FANOUT_ERROR_BRAND: unique symbol = Symbol.for('fanout.error') as never;
