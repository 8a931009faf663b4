import type { FanoutDefaults, HttpMethod } from '@fanout/core';

/**
 * @fanout/core's method list and defaults, written into the bundle by scripts/bundle.mjs, which
 * reads them from core when it builds: `--help` shows them (and `-X` checks against the list)
 * without loading core, which a run loads only when it fetches (see test/lazy-loading.test.ts).
 * Core's own values, never written again here.
 */
declare const FANOUT_CORE_CONSTANTS: { readonly methods: readonly HttpMethod[]; readonly defaults: FanoutDefaults };

/** `HTTP_METHODS` of @fanout/core. */
export const CORE_HTTP_METHODS: readonly HttpMethod[] = FANOUT_CORE_CONSTANTS.methods;

/** `defaults` of @fanout/core. */
export const CORE_DEFAULTS: FanoutDefaults = FANOUT_CORE_CONSTANTS.defaults;
