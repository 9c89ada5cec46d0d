import type { Stretch, UptimeHistory } from '@mcpulse/core';
import type { IncidentKind } from '@mcpulse/core/domain';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../database.js';

interface HistoryRow {
  monitor_id: string;
  what: 'first' | 'pause' | 'maintenance' | IncidentKind;
  started_ms: number;
  ended_ms: number | null;
}

interface MutableHistory extends UptimeHistory {
  firstCheckedAt: Date | null;
  pauses: Stretch[];
  maintenance: Stretch[];
  incidents: Array<Stretch & { kind: IncidentKind }>;
}

/**
 * What the uptime of each monitor over [since, now) is computed from (docs/uptime.md):
 * its first check, and the pauses, maintenance occurrences (its own and its
 * organisation's) and confirmed incidents that touch the span.
 * One statement for any number of monitors, each part an index range scan by monitor.
 */
export async function uptimeHistories(
  db: Executor,
  monitorIds: readonly string[],
  since: Date,
  now: Date,
): Promise<Map<string, UptimeHistory>> {
  const histories = new Map<string, MutableHistory>(
    monitorIds.map((id) => [id, { firstCheckedAt: null, pauses: [], maintenance: [], incidents: [], now }]),
  );
  if (monitorIds.length === 0) return histories;
  const ids = sql.param(monitorIds);
  const from = since.toISOString();
  const to = now.toISOString();
  const epochMs = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);
  const rows = await queryRows<HistoryRow>(
    db,
    sql`select s.monitor_id, 'first' as what, ${epochMs('s.first_checked_at')} as started_ms, null::float8 as ended_ms
        from monitor_state s
        where s.monitor_id = any(${ids}::uuid[]) and s.first_checked_at is not null
        union all
        select p.monitor_id, 'pause', ${epochMs('p.started_at')}, ${epochMs('p.ended_at')}
        from monitor_pauses p
        where p.monitor_id = any(${ids}::uuid[]) and p.started_at < ${to}::timestamptz
          and (p.ended_at is null or p.ended_at > ${from}::timestamptz)
        union all
        select m.id, 'maintenance', ${epochMs('o.starts_at')}, ${epochMs('o.ends_at')}
        from monitors m
        join maintenance_occurrences o on o.organization_id = m.organization_id
          and (o.monitor_id is null or o.monitor_id = m.id)
        where m.id = any(${ids}::uuid[]) and o.starts_at < ${to}::timestamptz and o.ends_at > ${from}::timestamptz
        union all
        select i.monitor_id, i.kind, ${epochMs('i.started_at')}, ${epochMs('i.ended_at')}
        from incidents i
        where i.monitor_id = any(${ids}::uuid[]) and i.started_at < ${to}::timestamptz
          and (i.ended_at is null or i.ended_at > ${from}::timestamptz)`,
  );
  for (const row of rows) {
    const history = histories.get(row.monitor_id);
    if (!history) continue;
    const startedAt = new Date(row.started_ms);
    const endedAt = row.ended_ms === null ? null : new Date(row.ended_ms);
    if (row.what === 'first') history.firstCheckedAt = startedAt;
    else if (row.what === 'pause') history.pauses.push({ startedAt, endedAt });
    else if (row.what === 'maintenance') history.maintenance.push({ startedAt, endedAt });
    else history.incidents.push({ kind: row.what, startedAt, endedAt });
  }
  return histories;
}
