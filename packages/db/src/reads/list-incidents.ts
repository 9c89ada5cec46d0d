import { and, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../database.js';
import { incidents } from '../schema/index.js';
import { decodeCursor, exactTime, exactTimeSchema, type Page, pageOf } from './page-cursor.js';

export interface IncidentView {
  id: string;
  kind: 'down' | 'degraded';
  startedAt: Date;
  /** Null while the incident is open. */
  endedAt: Date | null;
  errorCode: string | null;
  errorMessage: string | null;
  regions: string[];
}

const cursorSchema = z.tuple([exactTimeSchema, z.uuid()]);

/** A monitor's incidents, the most recently started first, one page at a time. */
export async function listIncidents(
  db: Executor,
  monitorId: string,
  cursor: string | undefined,
  limit: number,
): Promise<Page<IncidentView>> {
  let after: SQL | undefined;
  if (cursor !== undefined) {
    const [startedAt, id] = decodeCursor(cursor, cursorSchema);
    const at = sql`${startedAt}::timestamptz`;
    after = or(
      sql`${incidents.startedAt} < ${at}`,
      and(sql`${incidents.startedAt} = ${at}`, lt(incidents.id, id)),
    );
  }
  const rows = await db
    .select({
      id: incidents.id,
      kind: incidents.kind,
      startedAt: incidents.startedAt,
      endedAt: incidents.endedAt,
      errorCode: incidents.errorCode,
      errorMessage: incidents.errorMessage,
      regions: incidents.regions,
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
