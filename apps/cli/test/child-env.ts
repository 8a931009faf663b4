/**
 * Variables of the caller's environment that change what a process prints or does: colours
 * (`NO_COLOR` with `FORCE_COLOR` makes Node warn on stderr), the terminal, CI, proxies (a
 * developer's `HTTP_PROXY` would carry the tests' 127.0.0.1 requests), time zone and locale,
 * fanout's own switches, Node's options, Nx's task variables.
 */
const CALLER_ONLY = /^(?:NO_COLOR|FORCE_COLOR|NODE_DISABLE_COLORS|TERM|COLORTERM|CI|COLUMNS|LINES|TZ|LANG|LANGUAGE|LC_[A-Z_]+|(?:HTTPS?|ALL|NO)_PROXY|NODE_OPTIONS|NODE_EXTRA_CA_CERTS|FANOUT_[A-Z0-9_]+|NX_[A-Z0-9_]+)$/i;

/** The fixed values the tests run with, whatever the caller has. */
const CONTROLLED: NodeJS.ProcessEnv = { TZ: 'UTC', LANG: 'C.UTF-8' };

/**
 * The environment for a process a test spawns: the caller's without the variables that would
 * change its behaviour ({@link CALLER_ONLY}), the fixed {@link CONTROLLED} ones, then `overrides`
 * (`undefined` removes a variable). The one place the tests of this project build a child's env.
 */
export function childEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !CALLER_ONLY.test(name));
  const merged = [...kept, ...Object.entries({ ...CONTROLLED, ...overrides })];
  const last = new Map(merged);
  return Object.fromEntries([...last].filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Makes this test process's own environment the controlled one (vitest `setupFiles`: in-process code reads proxies, colours, TZ). */
export function controlThisProcessEnv(): void {
  const env = childEnv();
  for (const name of Object.keys(process.env)) if (!(name in env)) Reflect.deleteProperty(process.env, name);
  Object.assign(process.env, env);
}
