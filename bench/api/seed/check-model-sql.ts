import { type SQL, sql } from 'drizzle-orm';
import {
  DEGRADED_MS,
  ERROR_KINDS,
  RANDOM_FAILURE_CODES,
  RANDOM_FAILURE_RATE,
  REGIONS,
  SPIKE_MS,
  SPIKE_RATE,
} from './check-model.js';

const text = (value: string) => sql.raw(`'${value.replaceAll("'", "''")}'`);

/** The regions as a relation `reg(region, latency_factor, offset_ms, region_index)`. */
export function regionsRelation(): SQL {
  const rows = REGIONS.map(
    (region, index) =>
      sql`(${text(region.name)}, ${sql.raw(String(region.latencyFactor))}::float8, ${sql.raw(String(region.offsetMs))}, ${sql.raw(String(index))})`,
  );
  return sql`(values ${sql.join(rows, sql`, `)}) as reg(region, latency_factor, offset_ms, region_index)`;
}

/** The error kinds as a relation `ek(code, phase, message, http_status, http_alive, fixed_ms)`. */
export function errorKindsRelation(): SQL {
  const rows = ERROR_KINDS.map(
    (kind) =>
      sql`(${text(kind.code)}, ${text(kind.phase)}, ${text(kind.message)}, ${sql.raw(kind.httpStatus === null ? 'null::int' : String(kind.httpStatus))}, ${sql.raw(String(kind.httpAlive))}, ${sql.raw(kind.fixedMs === null ? 'null::float8' : String(kind.fixedMs))})`,
  );
  return sql`(values ${sql.join(rows, sql`, `)}) as ek(code, phase, message, http_status, http_alive, fixed_ms)`;
}

/**
 * One simulated check per row of `source`, which must provide `median_ms`,
 * `sigma`, `latency_factor`, `in_outage` and `outage_code`. Adds `status`,
 * `error_code` (null unless down), `latency_ms` (real: what the check took had
 * it answered, log-normal around the median with rare stalls) and `u_dns`.
 * The random draws sit in a subquery of their own: Postgres never flattens a
 * subquery with volatile outputs, so each draw is taken once per row.
 */
export function checkModel(source: SQL): SQL {
  const rate = sql.raw(String(RANDOM_FAILURE_RATE));
  const spikeRate = sql.raw(String(SPIKE_RATE));
  const codes = sql.raw(`array[${RANDOM_FAILURE_CODES.map((code) => `'${code}'`).join(', ')}]`);
  return sql`(select o.*,
        case when o.in_outage or o.u_fail < ${rate} then 'down'
             when o.latency_ms >= ${sql.raw(String(DEGRADED_MS))} then 'degraded' else 'up' end as status,
        case when o.in_outage then o.outage_code
             when o.u_fail < ${rate} then (${codes})[1 + floor(o.u_fail / ${rate} * ${sql.raw(String(RANDOM_FAILURE_CODES.length))})::int]
        end as error_code
      from (select d.*,
              (d.median_ms * d.latency_factor * exp(d.sigma * sqrt(-2 * ln(1 - d.u1)) * cos(2 * pi() * d.u2))
                + case when d.u_spike < ${spikeRate}
                    then ${sql.raw(String(SPIKE_MS.min))} + ${sql.raw(String(SPIKE_MS.spread))} * d.u_spike / ${spikeRate}
                    else 0 end
              )::real as latency_ms
            from (select s.*, random() as u_fail, random() as u_spike, random() as u1, random() as u2,
                    random() as u_dns
                  from ${source} as s) as d) as o)`;
}
