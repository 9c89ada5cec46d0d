import { type SQL, sql } from 'drizzle-orm';
import type { RollupRange } from './rollup-ranges.js';

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
 * `series` as a query of (monitor_id, region) rows. Two array parameters, not
 * two per series: hundreds of series would otherwise make a statement of a
 * thousand parameters, and parsing and binding it cost as much as the scans.
 * Listing them, rather than finding them in the same statement, gives the
 * planner their exact number: with a guess ten times too high it turns
 * hundreds of index range scans into a sequential scan of every hour rollup.
 */
export function seriesList(series: ReadonlyArray<{ monitorId: string; region: string }>): SQL {
  const ids = sql.param(series.map((one) => one.monitorId));
  const regions = sql.param(series.map((one) => one.region));
  return sql`select * from unnest(${ids}::uuid[], ${regions}::text[]) as series(monitor_id, region)`;
}

/**
 * The rollup rows `r` of the `series` (a query of monitor_id, region) that
 * fall in each labelled range, as one union of index range scans, each row
 * tagged with its range's `label`. Naming the series pins every primary-key
 * column, (monitor, granularity, region, time): without the region a lookup
 * walks every region's buckets of the monitor's whole history. `columns` picks
 * what to keep (`r.checks`, …).
 */
export function rollupsIn(
  series: SQL,
  labelled: ReadonlyArray<{ label: string; range: RollupRange }>,
  columns: SQL,
): SQL {
  if (labelled.length === 0) {
    return sql`(select null::text as label, r.monitor_id, r.region, ${columns} from rollups r where false)`;
  }
  const branches = labelled.map(
    ({ label, range }) =>
      sql`select ${label}::text as label, r.monitor_id, r.region, ${columns}
          from series s join rollups r on r.monitor_id = s.monitor_id and r.region = s.region
            and r.granularity = ${range.granularity}::text
            and r.bucket_start >= ${range.from.toISOString()}::timestamptz
            and r.bucket_start < ${range.to.toISOString()}::timestamptz`,
  );
  return sql`(with series(monitor_id, region) as materialized (${series})
    ${sql.join(branches, sql` union all `)})`;
}

/** The series of one monitor (its regions with rollups), as a query. */
export function seriesOfMonitor(monitorId: string): SQL {
  return sql`select ${monitorId}::uuid as monitor_id, unnest(${regionsWithRollups(sql`${monitorId}::uuid`)}) as region`;
}
