import type { Db } from '@mcpulse/db';
import { sql } from 'drizzle-orm';
import { FAILURE_LATENCY_SHARE, PHASE_SHARES } from './check-model.js';
import { checkModel, errorKindsRelation, regionsRelation } from './check-model-sql.js';
import { dayChunks } from './seed-plan.js';
import { seedStatement } from './seed-statement.js';

const CAPABILITIES = JSON.stringify({ tools: { listChanged: true } });
const share = (value: number) => sql.raw(String(value));

/**
 * One result per monitor, region and minute of [from, to), one statement per
 * UTC day: `insert … select` over generate_series, in time order as probes
 * deliver them, so the heap is laid out as in production. Returns the rows written.
 */
export async function seedResults(db: Db, range: { from: Date; to: Date }): Promise<number> {
  let rows = 0;
  for (const chunk of dayChunks(range.from, range.to)) {
    const source = sql`(select p.*, reg.*, g.minute,
        g.minute + ((p.phase_ms + reg.offset_ms) % 60000) * interval '1 millisecond' as slot,
        p.outage_minutes > 0 and extract(hour from g.minute) = p.outage_hour
          and extract(minute from g.minute) < p.outage_minutes as in_outage
      from bench_profiles p cross join ${regionsRelation()}
        cross join generate_series(${chunk.from.toISOString()}::timestamptz,
          ${chunk.to.toISOString()}::timestamptz - interval '1 minute', interval '1 minute') as g(minute))`;
    rows += await seedStatement(
      db,
      sql`insert into probe_results (monitor_id, region, slot, checked_at, status, error_code, error_message,
              error_phase, http_status, rpc_code, http_alive, transport, era, protocol_version, server_info,
              capabilities, tool_count, schema_hash, dns_ms, connect_ms, tls_ms, handshake_ms, tools_list_ms, total_ms)
            select c.monitor_id, c.region, c.slot, c.slot + (150 + c.total_ms) * interval '1 millisecond',
              c.status, c.error_code, c.message, c.phase, c.http_status, null, coalesce(c.http_alive, true),
              case when c.up then c.transport end, case when c.up then c.era end,
              case when c.up then c.protocol_version end, case when c.up then c.server_info end,
              case when c.up then ${CAPABILITIES}::jsonb end, case when c.up then c.tool_count end,
              case when c.up then c.schema_hash end,
              (0.5 + 3 * c.u_dns)::real,
              case when c.up then (c.latency_ms * ${share(PHASE_SHARES.connectMs)})::real end,
              case when c.up then (c.latency_ms * ${share(PHASE_SHARES.tlsMs)})::real end,
              case when c.up then (c.latency_ms * ${share(PHASE_SHARES.handshakeMs)})::real end,
              case when c.up then (c.latency_ms * ${share(PHASE_SHARES.toolsListMs)})::real end,
              c.total_ms
            from (select m.*, m.status <> 'down' as up, ek.message, ek.phase, ek.http_status, ek.http_alive,
                    case when m.status = 'down'
                      then coalesce(ek.fixed_ms, m.latency_ms * ${share(FAILURE_LATENCY_SHARE)})
                      else m.latency_ms end::real as total_ms
                  from ${checkModel(source)} as m
                  left join ${errorKindsRelation()} on ek.code = m.error_code) as c
            order by c.minute`,
      chunk.from,
    );
  }
  return rows;
}
