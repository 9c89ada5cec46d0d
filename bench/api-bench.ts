import os from 'node:os';
import { bool, loadEnv } from '@mcpulse/config';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { z } from 'zod';

/** What a bench of the API process reads from its environment: `--json` through npm, and Redis. */
export function apiBenchEnv() {
  return loadEnv(
    z.object({
      npm_config_json: bool().default(false),
      REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
    }),
  );
}

/** The machine a bench ran on, in one line, and its load average now. */
export function machineLine(bench: string): { line: string; loadAverage: number } {
  const loadAverage = os.loadavg()[0] ?? 0;
  return {
    line: `mcpulse ${bench} bench: Node ${process.version}, ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'unknown'}), load average ${loadAverage.toFixed(2)}`,
    loadAverage,
  };
}

/**
 * A fresh database for one run, dropped by `cleanUp` (after stopping what `stopWith` was given,
 * the API process) and on Ctrl-C or SIGTERM.
 */
export async function benchDatabase(): Promise<{
  database: TestDatabase;
  stopWith(stop: () => Promise<void>): void;
  cleanUp(): Promise<void>;
}> {
  const database = await createTestDatabase();
  let stopApi: (() => Promise<void>) | undefined;
  const cleanUp = async () => {
    await stopApi?.();
    await database.drop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  }
  return {
    database,
    stopWith: (stop) => {
      stopApi = stop;
    },
    cleanUp,
  };
}
