import { defineConfig } from 'vitest/config';

// Two kinds of tests (STYLE.md §8): unit tests of pure code with fakes, and integration tests that
// run against a real Kafka broker and a real Redis, started once by the integration global setup.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          // Integration files share one broker; running them one at a time keeps two cores calm.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
