import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['../../packages/core/test/setup-env.ts'],
    testTimeout: 30_000,
  },
});
