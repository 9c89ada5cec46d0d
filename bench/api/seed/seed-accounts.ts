import { type Db, monitorState, monitors, organizations } from '@mcpulse/db';
import { sql } from 'drizzle-orm';
import { REGIONS } from './check-model.js';
import type { MonitorProfile } from './monitor-profiles.js';

export interface SeededAccounts {
  organizationId: string;
  /** Monitor ids in profile order. */
  monitorIds: string[];
}

/**
 * One organisation owning every monitor, each with its confirmed state, and
 * `bench_profiles`: a table of this bench's own (the database is dropped
 * afterwards) that the set-based seeding joins against.
 */
export async function seedAccounts(
  db: Db,
  profiles: readonly MonitorProfile[],
  now: Date,
): Promise<SeededAccounts> {
  const [organization] = await db
    .insert(organizations)
    .values({ name: 'bench', plan: 'team' })
    .returning({ id: organizations.id });
  const organizationId = organization!.id;
  const created = await db
    .insert(monitors)
    .values(
      profiles.map((profile) => ({
        organizationId,
        name: profile.name,
        url: `https://${profile.name}.example.com/mcp`,
        regions: REGIONS.map((region) => region.name),
        createdAt: new Date(now.getTime() - 120 * 86_400_000),
      })),
    )
    .returning({ id: monitors.id, name: monitors.name });
  const idByName = new Map(created.map((monitor) => [monitor.name, monitor.id]));
  const monitorIds = profiles.map((profile) => idByName.get(profile.name)!);
  await db
    .insert(monitorState)
    .values(monitorIds.map((monitorId) => ({ monitorId, status: 'up' as const, lastCheckedAt: now })));

  const records = profiles.map((profile, i) => ({
    monitor_id: monitorIds[i],
    idx: profile.index,
    latency_class: profile.latencyClass,
    median_ms: profile.medianMs,
    sigma: profile.sigma,
    phase_ms: profile.phaseMs,
    outage_hour: profile.outageHour,
    outage_minutes: profile.outageMinutes,
    outage_code: profile.outageCode,
    transport: profile.transport,
    era: profile.era,
    protocol_version: profile.protocolVersion,
    tool_count: profile.toolCount,
    schema_hash: profile.schemaHash,
    server_info: profile.serverInfo,
  }));
  await db.execute(sql`create table bench_profiles as
    select * from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(
      monitor_id uuid, idx int, latency_class int, median_ms float8, sigma float8, phase_ms int,
      outage_hour int, outage_minutes int, outage_code text, transport text, era text,
      protocol_version text, tool_count int, schema_hash text, server_info jsonb)`);
  return { organizationId, monitorIds };
}
