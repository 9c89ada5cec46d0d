import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@mcpulse/source'] },
  ssr: { resolve: { conditions: ['@mcpulse/source'] } },
  test: { testTimeout: 30_000, hookTimeout: 120_000, isolate: false },
});
