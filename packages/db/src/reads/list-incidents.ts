import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../database.js';
import { incidents } from '../schema/index.js';
import { exactTime, newestFirstAfter, type Page, pageOf } from './page-cursor.js';

export interface IncidentView {
  id: string;
  kind: 'down' | 'degraded';
  startedAt: Date;
  /** Null while the incident is open. */
  endedAt: Date | null;
  errorCode: string | null;
  errorMessage: string | null;
  regions: string[];
  maintenance: boolean;
}

/** A monitor's incidents, the most recently started first, one page at a time. */
export async function listIncidents(
  db: Executor,
  monitorId: string,
  cursor: string | undefined,
  limit: number,
): Promise<Page<IncidentView>> {
  const after = newestFirstAfter(incidents.startedAt, incidents.id, cursor);
  const rows = await db
    .select({
      id: incidents.id,
      kind: incidents.kind,
      startedAt: incidents.startedAt,
      endedAt: incidents.endedAt,
      errorCode: incidents.errorCode,
      errorMessage: incidents.errorMessage,
      regions: incidents.regions,
      maintenance: incidents.maintenance,
      startedKey: exactTime(incidents.startedAt),
    })
    .from(incidents)
    .where(and(eq(incidents.monitorId, monitorId), after))
    .orderBy(desc(incidents.startedAt), desc(incidents.id))
    .limit(limit + 1);
  return pageOf(
    rows,
    limit,
    ({ startedKey: _key, ...incident }) => incident,
    (row) => [row.startedKey, row.id],
  );
}
