import { probeSpecOf } from '@mcpulse/core';
import { DIRECTORY_ORGANIZATION_ID } from '@mcpulse/core/domain';
import { type Db, directoryEndpoints, monitorState, monitors, queryRows } from '@mcpulse/db';
import { eq, sql } from 'drizzle-orm';
import { hostOf } from '../directory/host-of.js';
import type { ProbeJob } from '../job-catalog.js';
import { spreadHostPhases } from './slots.js';

/** What the scheduler needs to know of a monitor: when to probe it and what to put in its jobs. */
export interface ScheduledMonitor {
  id: string;
  intervalSeconds: number;
  regions: string[];
  /** A directory monitor's checks go to the directory queues. */
  directory: boolean;
  /** Set for directory monitors: spread apart from the other monitors of their host. */
  phaseMs?: number;
  job: Omit<ProbeJob, 'region' | 'slot'>;
}

/** Every monitor that should be probed now (paused ones are not). */
export async function loadScheduledMonitors(db: Db): Promise<ScheduledMonitor[]> {
  const rows = await db
    .select({
      id: monitors.id,
      organizationId: monitors.organizationId,
      url: monitors.url,
      transport: monitors.transport,
      regions: monitors.regions,
      intervalSeconds: monitors.intervalSeconds,
      timeoutMs: monitors.timeoutMs,
      degradedThresholdMs: monitors.degradedThresholdMs,
      headersSealed: monitors.headersSealed,
      canary: monitors.canary,
      oauthSealed: monitors.oauthSealed,
      oauthConnectionSealed: monitors.oauthConnectionSealed,
      schemaHash: monitorState.schemaHash,
      publicHeaders: directoryEndpoints.headers,
    })
    .from(monitors)
    .leftJoin(monitorState, eq(monitorState.monitorId, monitors.id))
    .leftJoin(directoryEndpoints, eq(directoryEndpoints.monitorId, monitors.id))
    .where(eq(monitors.paused, false));
  const directory = rows.filter((row) => row.organizationId === DIRECTORY_ORGANIZATION_ID);
  const phases = spreadHostPhases(
    directory.map((row) => ({ id: row.id, host: hostOf(row.url), intervalSeconds: row.intervalSeconds })),
  );
  return rows.map((row) => {
    const phaseMs = phases.get(row.id);
    const isDirectory = phaseMs !== undefined;
    return {
      id: row.id,
      intervalSeconds: row.intervalSeconds,
      regions: row.regions,
      directory: isDirectory,
      ...(isDirectory ? { phaseMs } : {}),
      job: {
        ...probeSpecOf(row),
        monitorId: row.id,
        knownSchemaHash: row.schemaHash,
        intervalSeconds: row.intervalSeconds,
        ...(row.publicHeaders && Object.keys(row.publicHeaders).length > 0
          ? { publicHeaders: row.publicHeaders }
          : {}),
        ...(isDirectory ? { directory: true } : {}),
      },
    };
  });
}

/**
 * A fingerprint of everything `loadScheduledMonitors` reads: equal
 * fingerprints mean the same schedule. Computed in the database, so a
 * scheduler polling for changes moves two numbers, not every monitor, and
 * reloads only when one changed: a monitor created, deleted, edited, paused
 * or resumed (each sets `updated_at`, or changes the count), a new
 * confirmed schema hash, or a rotated OAuth refresh token (its generation).
 */
export async function scheduledMonitorsFingerprint(db: Db): Promise<string> {
  const [row] = await queryRows<{ fingerprint: string }>(
    db,
    sql`select count(*) || ':' || coalesce(sum(hashtextextended(
             m.id::text || '|' || m.updated_at::text || '|' || coalesce(s.schema_hash, '') || '|' ||
             coalesce(m.oauth_connection->>'generation', ''), 0)), 0) as fingerprint
        from monitors m left join monitor_state s on s.monitor_id = m.id
        where not m.paused`,
  );
  return row?.fingerprint ?? '';
}
