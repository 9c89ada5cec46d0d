import type { Db } from '@mcpulse/db';
import type { QueueBackend } from '@mcpulse/queue';
import { enqueueAttempts } from './enqueue-deliveries.js';
import { insertDeliveries } from './insert-deliveries.js';

/**
 * Turns the events an ingest batch stored into deliveries and queues their
 * first attempts. Called after the batch commits. If queueing fails, the
 * deliveries are already stored and due, and the sender's sweep queues them;
 * if storing fails, the sweep repeats this fan-out for the last hour's events.
 */
export async function fanOutEvents(
  db: Db,
  queues: QueueBackend,
  events: ReadonlyArray<{ id: string }>,
  now: Date = new Date(),
): Promise<number> {
  const inserted = await insertDeliveries(db, { eventIds: events.map((event) => event.id) }, now);
  await enqueueAttempts(
    queues,
    inserted.map(({ id, subscriberOf }) => ({ deliveryId: id, attempt: 1, due: now, subscriberOf })),
    now,
  );
  return inserted.length;
}
