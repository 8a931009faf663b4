import { defineConfig } from 'vitest/config';

// Generous limits: what must succeed gets time to, however busy the machine is. No test waits
// for a timeout to pass: these only bound a test that hangs.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup-env.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
