import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../database.js';
import type { RollupRange } from './rollup-ranges.js';

/** One monitor's rollups in one region. */
export interface RollupSeries {
  monitorId: string;
  region: string;
}

/**
 * The regions a monitor has rollups in, as a text[] expression, found by a
 * loose index scan: one index probe per region. Day rollups are never
 * pruned, so their regions include those of every other level.
 */
export function regionsWithRollups(monitorId: SQL): SQL<string[]> {
  return sql<string[]>`array(with recursive seen(region) as (
    select (select min(x.region) from rollups x where x.monitor_id = ${monitorId} and x.granularity = 'day')
    union all
    select (select min(x.region) from rollups x
      where x.monitor_id = ${monitorId} and x.granularity = 'day' and x.region > seen.region)
    from seen where seen.region is not null
  ) select region from seen where region is not null)`;
}

/**
 * The rollup rows `r` of `series` that fall in each labelled range, as one
 * union of index range scans, each row tagged with its range's `label`.
 * Naming the series pins every primary-key column, (monitor, granularity,
 * region, time): without the region a lookup walks every region's buckets of
 * the monitor's whole history. `columns` picks what to keep (`r.checks`, …).
 */
export function rollupsIn(
  series: readonly RollupSeries[],
  labelled: ReadonlyArray<{ label: string; range: RollupRange }>,
  columns: SQL,
): SQL {
  const pairs = series.map(({ monitorId, region }) => sql`(${monitorId}::uuid, ${region}::text)`);
  const branches = labelled.map(
    ({ label, range }) =>
      sql`select ${label}::text as label, r.monitor_id, r.region, ${columns}
          from series s join rollups r on r.monitor_id = s.monitor_id and r.region = s.region
            and r.granularity = ${range.granularity}::text
            and r.bucket_start >= ${range.from.toISOString()}::timestamptz
            and r.bucket_start < ${range.to.toISOString()}::timestamptz`,
  );
  if (pairs.length === 0 || branches.length === 0) {
    return sql`(select null::text as label, r.monitor_id, r.region, ${columns} from rollups r where false)`;
  }
  return sql`(with series(monitor_id, region) as (values ${sql.join(pairs, sql`, `)})
    ${sql.join(branches, sql` union all `)})`;
}

/** The series (regions) of one monitor that have rollups. */
export async function seriesOf(db: Pick<Executor, 'execute'>, monitorId: string): Promise<RollupSeries[]> {
  const [row] = await queryRows<{ regions: string[] }>(
    db,
    sql`select ${regionsWithRollups(sql`${monitorId}::uuid`)} as regions`,
  );
  return (row?.regions ?? []).map((region) => ({ monitorId, region }));
}
