import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@mcpulse/source'] },
  ssr: { resolve: { conditions: ['@mcpulse/source'] } },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 20_000, hookTimeout: 30_000, isolate: false },
});
