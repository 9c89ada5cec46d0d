import { DIRECTORY_ORGANIZATION_ID } from '@mcpulse/core/domain';
import { type Db, queryRows } from '@mcpulse/db';
import { sql } from 'drizzle-orm';

/**
 * `count` directory endpoints as a registry sync leaves them, in a few set-based statements: a
 * registry, one entry per endpoint (every 10th endpoint also listed by a second entry), a directory
 * monitor each, and monitor state spread over every state, era and tool count, with some incidents.
 */
export async function seedDirectory(db: Db, count: number, now: Date): Promise<{ names: string[] }> {
  const monthAgo = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  await db.execute(sql`insert into directory_registries (url) values ('https://registry.bench')`);
  await db.execute(sql`
    insert into monitors (organization_id, name, url, regions, interval_seconds, paused)
    select ${DIRECTORY_ORGANIZATION_ID}::uuid, 'io.bench/server-' || lpad(i::text, 5, '0'),
           'https://host-' || (i % 2000) || '.bench.example/mcp/' || i, array['bench-nowhere'], 300, i % 50 = 0
    from generate_series(1, ${count}) i`);
  await db.execute(sql`
    insert into directory_endpoints (url, host, transport, auth_requirement, monitor_id, skip_reason)
    select m.url, split_part(split_part(m.url, '://', 2), '/', 1),
           case when i % 5 = 0 then 'sse' else 'streamable-http' end,
           case when i % 7 = 0 then 'secret_header' else 'none' end, m.id,
           case when i % 50 = 0 then 'blocked_address' end
    from (select m.*, substring(m.name from 17)::int as i from monitors m
          where m.organization_id = ${DIRECTORY_ORGANIZATION_ID}::uuid) m`);
  await db.execute(sql`
    insert into directory_entries (registry_id, name, version, status, title, description)
    select r.id, m.name, '1.0.' || (i % 10), case when i % 40 = 0 then 'deprecated' else 'active' end,
           'Bench server ' || i || case when i % 3 = 0 then ' <b>weather</b>' else '' end,
           'A server the bench seeded; number ' || i
    from directory_registries r,
         (select m.name, substring(m.name from 17)::int as i from monitors m
          where m.organization_id = ${DIRECTORY_ORGANIZATION_ID}::uuid) m
    union all
    select r.id, 'io.mirror/server-' || lpad(i::text, 5, '0'), '2.0.0', 'active', null, null
    from directory_registries r, generate_series(10, ${count}, 10) i`);
  await db.execute(sql`
    insert into directory_entry_endpoints (entry_id, endpoint_id)
    select de.id, e.id from directory_entries de
    join monitors m on substring(m.name from '[0-9]+$') = substring(de.name from '[0-9]+$')
     and m.organization_id = ${DIRECTORY_ORGANIZATION_ID}::uuid
    join directory_endpoints e on e.monitor_id = m.id`);
  await db.execute(sql`
    insert into monitor_state (monitor_id, status, since, last_checked_at, first_checked_at, schema_hash,
                               protocol_tracking)
    select m.id, (array['up','up','up','down','degraded','pending'])[1 + i % 6], ${monthAgo}::timestamptz,
           ${now.toISOString()}::timestamptz - (i % 300) * interval '1 second', ${monthAgo}::timestamptz,
           'hash-' || i,
           case when i % 6 = 5 then null else jsonb_build_object(
             'confirmed', jsonb_build_object('era', case when i % 2 = 0 then 'modern' else 'legacy' end,
               'protocolVersion', case when i % 2 = 0 then '2026-07-28' else '2025-11-25' end,
               'transport', 'streamable-http'),
             'candidate', null, 'seen', 0, 'candidateSince', null) end
    from (select m.id, substring(m.name from 17)::int as i from monitors m
          where m.organization_id = ${DIRECTORY_ORGANIZATION_ID}::uuid) m`);
  await db.execute(sql`
    insert into monitor_schema_snapshots (monitor_id, hash, tools, tool_count, size_bytes)
    select s.monitor_id, s.schema_hash, '[]'::jsonb, (abs(hashtext(s.schema_hash)) % 40), 2
    from monitor_state s join monitors m on m.id = s.monitor_id
    where m.organization_id = ${DIRECTORY_ORGANIZATION_ID}::uuid`);
  await db.execute(sql`
    insert into monitor_region_state (monitor_id, region, last_slot, last_status, last_error_code)
    select s.monitor_id, 'bench-nowhere', s.last_checked_at, s.status,
           case when s.status = 'down' then 'connection_refused' end
    from monitor_state s join monitors m on m.id = s.monitor_id
    where m.organization_id = ${DIRECTORY_ORGANIZATION_ID}::uuid`);
  await db.execute(sql`
    insert into incidents (organization_id, monitor_id, kind, started_at, ended_at, error_code, regions)
    select ${DIRECTORY_ORGANIZATION_ID}::uuid, s.monitor_id, 'down',
           ${now.toISOString()}::timestamptz - interval '2 days',
           ${now.toISOString()}::timestamptz - interval '2 days' + interval '25 minutes', 'timeout',
           array['bench-nowhere']
    from monitor_state s join monitors m on m.id = s.monitor_id
    where m.organization_id = ${DIRECTORY_ORGANIZATION_ID}::uuid and s.status in ('down', 'degraded')`);
  await db.execute(sql`analyze`);
  const names = await queryRows<{ name: string }>(
    db,
    sql`select name from directory_entries order by name limit 10000`,
  );
  return { names: names.map((row) => row.name) };
}
