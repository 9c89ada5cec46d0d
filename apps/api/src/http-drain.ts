import type { Logger } from '@mcpulse/config';
import type { FastifyInstance } from 'fastify';

/** How often connections that went idle after close() are reaped while draining. */
const IDLE_SWEEP_MS = 100;
/** Time past the drain deadline for closing the app and the connections before the process leaves regardless. */
export const CLOSE_GRACE_MS = 5_000;

/**
 * Stops accepting connections and lets requests in flight finish. Node reaps
 * only the connections idle at the moment of close(), so keep-alive
 * connections that finish their request later are swept until none is left;
 * whatever is still busy at the deadline is cut.
 */
export async function drainHttp(app: FastifyInstance, timeoutMs: number, logger: Logger): Promise<void> {
  const sweep = setInterval(() => app.server.closeIdleConnections(), IDLE_SWEEP_MS);
  const deadline = setTimeout(() => {
    logger.warn({ timeoutMs }, 'drain timeout reached; closing the connections still open');
    app.server.closeAllConnections();
  }, timeoutMs);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}
