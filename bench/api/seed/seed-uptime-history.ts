import { type Db, queryRows } from '@mcpulse/db';
import { sql } from 'drizzle-orm';
import { REGIONS } from './check-model.js';
import type { SeedPlan } from './seed-plan.js';

/**
 * What uptime is computed from besides the checks: every monitor's first
 * check at the start of the history, one incident per monitor per day (a
 * down one at its daily outage where it has one, a 5-minute degraded one
 * otherwise, more than real monitors have, so the list reads a pessimistic
 * number of incidents) and one hour-long pause each, in the first day.
 */
export async function seedUptimeHistory(db: Db, plan: SeedPlan): Promise<number> {
  const from = plan.history.from.toISOString();
  const lastDay = new Date(plan.now.getTime() - 86_400_000).toISOString();
  const regions = sql.param(REGIONS.map((region) => region.name));
  await db.execute(sql`update monitor_state set first_checked_at = ${from}::timestamptz`);
  await db.execute(sql`insert into monitor_pauses (monitor_id, started_at, ended_at)
    select monitor_id, ${from}::timestamptz + interval '2 hours', ${from}::timestamptz + interval '3 hours'
    from bench_profiles`);
  const [inserted] = await queryRows<{ rows: number }>(
    db,
    sql`with added as (
      insert into incidents (organization_id, monitor_id, kind, started_at, ended_at, error_code, regions)
      select m.organization_id, p.monitor_id,
             case when p.outage_minutes > 0 then 'down' else 'degraded' end,
             d.day + make_interval(hours => p.outage_hour),
             d.day + make_interval(hours => p.outage_hour, mins => greatest(p.outage_minutes, 5)),
             case when p.outage_minutes > 0 then p.outage_code end,
             ${regions}::text[]
      from bench_profiles p
      join monitors m on m.id = p.monitor_id
      cross join generate_series(date_trunc('day', ${from}::timestamptz), ${lastDay}::timestamptz, interval '1 day') as d(day)
      returning 1)
    select count(*)::int as rows from added`,
  );
  return inserted?.rows ?? 0;
}
