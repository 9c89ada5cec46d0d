import {
  type Db,
  events,
  incidents,
  incidentUpdates,
  insertResults,
  maintenanceOccurrences,
  maintenanceWindows,
  monitorState,
  schemaSnapshots,
} from '@mcpulse/db';
import { everyMinute, storedResult } from './read-fixtures.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A monitor's state as ingest leaves it: first checked ten days ago, a confirmed protocol and schema. */
export async function seedMonitorState(
  db: Db,
  monitorId: string,
  now: Date,
  status: 'up' | 'down' | 'degraded' = 'up',
): Promise<void> {
  await db
    .insert(schemaSnapshots)
    .values({ monitorId, hash: `h-${monitorId}`, tools: [], toolCount: 7, sizeBytes: 2 });
  await db.insert(monitorState).values({
    monitorId,
    status,
    since: new Date(now.getTime() - HOUR),
    firstCheckedAt: new Date(now.getTime() - 10 * DAY),
    lastCheckedAt: new Date(now.getTime() - 30_000),
    schemaHash: `h-${monitorId}`,
    protocolTracking: {
      confirmed: { era: 'modern', protocolVersion: '2026-07-28', transport: 'streamable-http' },
      candidate: null,
      seen: 0,
      candidateSince: null,
    },
  });
}

/** A minute of results every minute of the last two hours, so there is a 24-hour p95. */
export async function seedLatency(db: Db, monitorId: string, now: Date): Promise<void> {
  const from = new Date(now.getTime() - 2 * HOUR).toISOString();
  const rows = everyMinute(from, now.toISOString()).map((slot, index) =>
    storedResult(monitorId, 'eu-west', slot, 'up', 50 + (index % 10) * 20),
  );
  await insertResults(db, rows);
}

export async function insertIncident(
  db: Db,
  values: {
    organizationId: string;
    monitorId: string;
    startedAt: Date;
    endedAt: Date | null;
    errorMessage?: string;
  },
): Promise<string> {
  const [row] = await db
    .insert(incidents)
    .values({
      ...values,
      kind: 'down',
      errorCode: 'timeout',
      errorMessage: values.errorMessage ?? null,
      regions: ['eu-west'],
    })
    .returning({ id: incidents.id });
  return row!.id;
}

export async function insertUpdate(
  db: Db,
  values: {
    organizationId: string;
    incidentId: string;
    status: 'investigating' | 'identified' | 'monitoring' | 'resolved';
    message: string;
    createdAt: Date;
  },
): Promise<string> {
  const [row] = await db.insert(incidentUpdates).values(values).returning({ id: incidentUpdates.id });
  return row!.id;
}

/** One maintenance occurrence, of a window of its own: the monitor's, or the organisation's when null. */
export async function insertMaintenance(
  db: Db,
  values: { organizationId: string; monitorId: string | null; title: string; startsAt: Date; endsAt: Date },
): Promise<void> {
  const [window] = await db
    .insert(maintenanceWindows)
    .values({
      organizationId: values.organizationId,
      monitorId: values.monitorId,
      title: values.title,
      localStart: values.startsAt.toISOString().slice(0, 16),
      timeZone: 'UTC',
      durationMs: values.endsAt.getTime() - values.startsAt.getTime(),
      expandedUntil: values.endsAt,
    })
    .returning({ id: maintenanceWindows.id });
  await db.insert(maintenanceOccurrences).values({
    windowId: window!.id,
    organizationId: values.organizationId,
    monitorId: values.monitorId,
    scheduledAt: values.startsAt,
    startsAt: values.startsAt,
    endsAt: values.endsAt,
  });
}

export async function insertDrift(
  db: Db,
  organizationId: string,
  monitorId: string,
  at: Date,
): Promise<void> {
  await db.insert(events).values({
    organizationId,
    monitorId,
    type: 'schema.drift',
    occurredAt: at,
    dedupeKey: `drift-${monitorId}-${at.getTime()}`,
    payload: {},
  });
}
