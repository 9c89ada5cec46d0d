import type { Logger } from '@mcpulse/config';

/**
 * Queues what a committed write made due. The write stands whatever happens here: should the queue
 * fail, the webhook sender's sweep finds the stored deliveries (or the event's missing fan-out) and
 * sends them, so the request answers as done rather than inviting a retry that would repeat it.
 */
export async function queueAfterCommit(
  logger: Logger | false | undefined,
  what: string,
  queue: () => Promise<unknown>,
): Promise<void> {
  try {
    await queue();
  } catch (error) {
    if (logger) logger.warn({ err: error }, `${what} is stored; the webhook sender's sweep will queue it`);
  }
}
