import { hasFanoutBrand } from './brand.js';
import type { FanoutError } from './fanout-error.js';

/**
 * Whether `value` is an error made by fanout, from this copy of the package or any other: it
 * checks the `Symbol.for('fanout.error')` brand, not the prototype chain.
 *
 * @example
 * try { … } catch (error) { if (isFanoutError(error)) console.error(error.code); }
 */
export function isFanoutError(value: unknown): value is FanoutError {
  return hasFanoutBrand(value);
}
