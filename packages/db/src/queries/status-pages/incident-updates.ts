import type { IncidentKind, IncidentUpdateStatus } from '@mcpulse/core/domain';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../database.js';
import { events, incidents, incidentUpdates, monitors } from '../../schema/index.js';

export interface OwnedIncident {
  id: string;
  kind: IncidentKind;
  startedAt: Date;
  endedAt: Date | null;
  maintenance: boolean;
  monitor: { id: string; name: string; url: string };
}

export interface IncidentUpdateRow {
  id: string;
  incidentId: string;
  status: IncidentUpdateStatus;
  message: string;
  createdAt: Date;
}

/** One incident of `organizationId` with its monitor, or null when it has none by that id. */
export async function ownedIncident(
  db: Pick<Executor, 'select'>,
  organizationId: string,
  incidentId: string,
  options: { forUpdate?: boolean } = {},
): Promise<OwnedIncident | null> {
  const query = db
    .select({
      id: incidents.id,
      kind: incidents.kind,
      startedAt: incidents.startedAt,
      endedAt: incidents.endedAt,
      maintenance: incidents.maintenance,
      monitorId: monitors.id,
      monitorName: monitors.name,
      monitorUrl: monitors.url,
    })
    .from(incidents)
    .innerJoin(monitors, eq(monitors.id, incidents.monitorId))
    .where(and(eq(incidents.organizationId, organizationId), eq(incidents.id, incidentId)));
  const [row] = options.forUpdate ? await query.for('update', { of: incidents }) : await query;
  if (!row) return null;
  const { monitorId, monitorName, monitorUrl, ...incident } = row;
  return { ...incident, monitor: { id: monitorId, name: monitorName, url: monitorUrl } };
}

const updateColumns = {
  id: incidentUpdates.id,
  incidentId: incidentUpdates.incidentId,
  status: incidentUpdates.status,
  message: incidentUpdates.message,
  createdAt: incidentUpdates.createdAt,
};

export async function countIncidentUpdates(
  db: Pick<Executor, 'select'>,
  incidentId: string,
): Promise<number> {
  const [row] = await db
    .select({ updates: count() })
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, incidentId));
  return row?.updates ?? 0;
}

/**
 * Stores an update of an incident and its `incident.updated` event, in the caller's transaction,
 * and returns both; the event's payload is what the standard webhook body is built from.
 */
export async function insertIncidentUpdate(
  tx: Executor,
  organizationId: string,
  incident: OwnedIncident,
  update: { status: IncidentUpdateStatus; message: string },
  now: Date,
): Promise<{ update: IncidentUpdateRow; eventId: string }> {
  // Each update of an incident is later than the one before, even when both are posted within one
  // millisecond (or under a clock that stands still), so "newest first" is always the order posted.
  const createdAt = sql`greatest(${now.toISOString()}::timestamptz,
    (select max(created_at) + interval '1 millisecond' from incident_updates where incident_id = ${incident.id}))`;
  const [stored] = await tx
    .insert(incidentUpdates)
    .values({ incidentId: incident.id, organizationId, ...update, createdAt })
    .returning(updateColumns);
  if (!stored) throw new Error('incident update insert returned no row');
  const [event] = await tx
    .insert(events)
    .values({
      organizationId,
      monitorId: incident.monitor.id,
      type: 'incident.updated',
      occurredAt: now,
      dedupeKey: `incident.updated:${stored.id}`,
      incidentId: incident.id,
      payload: {
        monitor: incident.monitor,
        incident: {
          id: incident.id,
          kind: incident.kind,
          startedAt: incident.startedAt.toISOString(),
          endedAt: incident.endedAt?.toISOString() ?? null,
          maintenance: incident.maintenance,
        },
        update: {
          id: stored.id,
          status: stored.status,
          message: stored.message,
          createdAt: stored.createdAt.toISOString(),
        },
      },
    })
    .returning({ id: events.id });
  if (!event) throw new Error('event insert returned no row');
  return { update: stored, eventId: event.id };
}

/** The updates of one incident, newest first. */
export async function listIncidentUpdates(
  db: Pick<Executor, 'select'>,
  incidentId: string,
): Promise<IncidentUpdateRow[]> {
  return db
    .select(updateColumns)
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, incidentId))
    .orderBy(desc(incidentUpdates.createdAt), desc(incidentUpdates.id));
}

/** Deletes one update of an incident of `organizationId`; false when there is none by those ids. */
export async function deleteIncidentUpdate(
  db: Pick<Executor, 'delete'>,
  organizationId: string,
  incidentId: string,
  updateId: string,
): Promise<boolean> {
  const deleted = await db
    .delete(incidentUpdates)
    .where(
      and(
        eq(incidentUpdates.organizationId, organizationId),
        eq(incidentUpdates.incidentId, incidentId),
        eq(incidentUpdates.id, updateId),
      ),
    )
    .returning({ id: incidentUpdates.id });
  return deleted.length > 0;
}
