import { and, eq } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { events } from '../schema/index.js';

export interface DriftEvent {
  id: string;
  occurredAt: Date;
  payload: unknown;
}

/** One drift event of one monitor of `organizationId`, or null when it has none by that id. */
export async function ownedDriftEvent(
  db: Pick<Executor, 'select'>,
  organizationId: string,
  monitorId: string,
  driftId: string,
): Promise<DriftEvent | null> {
  const [drift] = await db
    .select({ id: events.id, occurredAt: events.occurredAt, payload: events.payload })
    .from(events)
    .where(
      and(
        eq(events.id, driftId),
        eq(events.monitorId, monitorId),
        eq(events.organizationId, organizationId),
        eq(events.type, 'schema.drift'),
      ),
    );
  return drift ?? null;
}
