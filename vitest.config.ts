import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // e2e tests spawn real agent processes; running files in parallel on 2 cores would distort timings
    fileParallelism: false,
  },
});
