import { type Executor, queryRows } from '@mcpulse/db';
import { type SQL, sql } from 'drizzle-orm';

export type DeliveryScope =
  /** The events an ingest batch just stored. */
  | { eventIds: readonly string[] }
  /** Recent events whose fan-out never ran (none of their deliveries exist), for endpoints older than them. */
  | { missedSince: Date };

function scopeSql(scope: DeliveryScope): SQL {
  if ('eventIds' in scope) return sql`e.id in ${[...scope.eventIds]}`;
  return sql`e.occurred_at > ${scope.missedSince.toISOString()}::timestamptz
    and w.created_at <= e.occurred_at
    and not exists (select 1 from webhook_deliveries d where d.event_id = e.id)`;
}

/**
 * One delivery per event and matching enabled endpoint of its organisation,
 * due now. The unique (event, endpoint) index makes it exactly once: an
 * ingest retried, two ingesters racing, or the sender's sweep repeating a
 * fan-out insert nothing the second time. Returns only the rows it created.
 */
export async function insertDeliveries(db: Executor, scope: DeliveryScope, now: Date): Promise<string[]> {
  if ('eventIds' in scope && scope.eventIds.length === 0) return [];
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into webhook_deliveries (endpoint_id, event_id, message_id, status, attempts, next_attempt_at, created_at)
      select w.id, e.id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), 'pending', 0, ${at}, ${at}
      from events e
      join webhook_endpoints w on w.organization_id = e.organization_id
      where ${scopeSql(scope)}
        and e.type <> 'webhook.test'
        and not e.maintenance
        and w.enabled
        and w.status_page_id is null
        and (cardinality(w.event_types) = 0 or e.type = any(w.event_types))
        and (w.monitor_ids is null or e.monitor_id = any(w.monitor_ids))
      on conflict (event_id, endpoint_id) do nothing
      returning id`,
  );
  return rows.map((row) => row.id);
}
