import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@mcpulse/source'] },
  ssr: { resolve: { conditions: ['@mcpulse/source'] } },
  test: {
    // Test files share a worker's modules (docs/architecture.md, "Tests").
    isolate: false,
    // The browser tests spend their time waiting for checks a minute apart, not on the CPU: two at
    // once (each its own embedded stack and browser) instead of one. Three made the rest of a full
    // `npm test` on two cores slow enough to miss its own deadlines.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/build-dashboard.ts'],
          testTimeout: 240_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
