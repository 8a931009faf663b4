import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Generous limits: what must succeed gets time to, however busy the machine is. No test waits
// for a timeout to pass: these only bound a test that hangs.
// The transport packages run from their sources against these sources (one copy of core), as
// `createTransport('undici' | 'axios')` imports them by name.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@fanout\/core\/transport$/, replacement: here('src/transport-kit.ts') },
      { find: /^@fanout\/undici$/, replacement: here('../undici/src/index.ts') },
      { find: /^@fanout\/axios$/, replacement: here('../axios/src/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup-env.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
