import { access } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@mcpulse/config';

/**
 * The built dashboard, `apps/web/dist`, found relative to this package (from
 * `src/` and from `dist/` alike), or undefined with a warning when it was
 * never built: the API still runs, without its dashboard.
 */
export async function findWebRoot(logger: Logger): Promise<string | undefined> {
  const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
  try {
    await access(path.join(webRoot, 'index.html'));
    return webRoot;
  } catch {
    logger.warn({ webRoot }, 'no built dashboard found; run `npm run build` to serve it');
    return undefined;
  }
}
