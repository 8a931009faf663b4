import type { HttpMethod } from '@fanout/core';

/** The methods fanout sends, for `-X` and request specs. */
export const HTTP_METHODS = ['GET', 'HEAD', 'OPTIONS', 'DELETE', 'PUT', 'POST', 'PATCH'] as const satisfies readonly HttpMethod[];
export type HttpMethodName = (typeof HTTP_METHODS)[number];

export function isHttpMethod(value: unknown): value is HttpMethodName {
  return typeof value === 'string' && (HTTP_METHODS as readonly string[]).includes(value);
}
