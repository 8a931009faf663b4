import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** A path in packages/core. */
const core = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/**
 * The vitest config of a transport package (packages/undici, packages/axios): its tests run
 * against core's sources (one copy of core: its errors, its transports' helpers), with core's env
 * setup. Generous limits: they only bound a test that hangs.
 */
export const transportPackageConfig = defineConfig({
  resolve: {
    alias: [
      { find: /^@fanout\/core\/transport$/, replacement: core('src/transport-kit.ts') },
      { find: /^@fanout\/core$/, replacement: core('src/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: [core('test/setup-env.ts')],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
