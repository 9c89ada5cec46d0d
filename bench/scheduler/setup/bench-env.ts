import { loadEnv, url } from '@mcpulse/config';
import { z } from 'zod';

/** The Redis the bench runs its queues on; the Postgres admin URL is read by `@mcpulse/db/testing`. */
export const benchEnv = loadEnv(
  z.object({
    REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
    /** Handed on to the worker children, which get no other variable of the bench's. */
    PATH: z.string().default('/usr/local/bin:/usr/bin:/bin'),
    /** `npm run bench:scheduler --json` hands the flag to npm, which passes it on as this. */
    npm_config_json: z.string().optional(),
  }),
);
