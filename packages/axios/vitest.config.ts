import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The tests run against core's sources (one copy of core: its errors, its transports' helpers).
// Generous limits: they only bound a test that hangs.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@fanout\/core\/transport$/, replacement: here('../core/src/transport-kit.ts') },
      { find: /^@fanout\/core$/, replacement: here('../core/src/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['../core/test/setup-env.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
