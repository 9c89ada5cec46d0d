import { type Executor, queryRows } from '@mcpulse/db';
import { type SQL, sql } from 'drizzle-orm';

export type DeliveryScope =
  /** The events an ingest batch just stored. */
  | { eventIds: readonly string[] }
  /** Recent events whose fan-out never ran (none of their deliveries exist), for endpoints older than them. */
  | { missedSince: Date };

/** `since`: when the endpoint began to receive (created, or for a subscriber confirmed). */
function scopeSql(scope: DeliveryScope, since: SQL): SQL {
  if ('eventIds' in scope) return sql`e.id in ${[...scope.eventIds]}`;
  return sql`e.occurred_at > ${scope.missedSince.toISOString()}::timestamptz
    and ${since} <= e.occurred_at
    and not exists (select 1 from webhook_deliveries d where d.event_id = e.id)`;
}

/**
 * What a status page's subscribers hear of (docs/webhooks.md, "Status page subscribers"): what
 * the page itself shows. Drift and protocol changes are the owner's business, not the public's.
 */
const SUBSCRIBER_EVENT_TYPES = sql`('monitor.down', 'monitor.up', 'monitor.degraded', 'incident.updated', 'maintenance.started', 'maintenance.ended')`;

/**
 * One delivery per event and matching enabled endpoint of its organisation,
 * due now. The unique (event, endpoint) index makes it exactly once: an
 * ingest retried, two ingesters racing, or the sender's sweep repeating a
 * fan-out insert nothing the second time. Returns only the rows it created.
 *
 * Three ways an endpoint matches, each walking its own index: the organisation's own endpoints
 * (by organisation, through their filters); confirmed subscribers of every page that shows the
 * event's monitor (`status_page_monitors` by monitor, then subscribers by page); and, for
 * maintenance over the whole organisation (no monitor), confirmed subscribers of every page of
 * the organisation that shows any monitor (every one of them is covered).
 */
export interface InsertedDelivery {
  id: string;
  /** Its endpoint's organisation when the endpoint is a status page's subscriber (its own queue); else null. */
  subscriberOf: string | null;
}

export async function insertDeliveries(
  db: Executor,
  scope: DeliveryScope,
  now: Date,
): Promise<InsertedDelivery[]> {
  if ('eventIds' in scope && scope.eventIds.length === 0) return [];
  const at = sql`${now.toISOString()}::timestamptz`;
  const own = scopeSql(scope, sql`w.created_at`);
  const subscribed = scopeSql(scope, sql`w.confirmed_at`);
  // Subscribers: confirmed (double opt-in: nothing but the confirmation before), enabled, and only for
  // what pages show. Their organisation is their page's, checked on the page (a page shows only its
  // organisation's monitors, and this keeps it so), so each is reached by its page alone.
  // A page that does not show incidents (its `figures`) sends its subscribers nothing either.
  const subscriber = sql`p.organization_id = e.organization_id and w.enabled and w.confirmed_at is not null
        and 'incidents' = any(p.figures)
        and e.type in ${SUBSCRIBER_EVENT_TYPES} and not e.maintenance`;
  // Each row says, in the same statement, which queue its attempts take (queueing needs no read per delivery).
  const rows = await queryRows<{ id: string; subscriber_of: string | null }>(
    db,
    sql`with inserted as (
      insert into webhook_deliveries (endpoint_id, event_id, message_id, status, attempts, next_attempt_at, created_at)
      select endpoint_id, event_id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), 'pending', 0, ${at}, ${at}
      from (
        select w.id as endpoint_id, e.id as event_id
        from events e
        join webhook_endpoints w on w.organization_id = e.organization_id
        where ${own}
          and e.type <> 'webhook.test'
          and not e.maintenance
          and w.enabled
          and w.status_page_id is null
          and (cardinality(w.event_types) = 0 or e.type = any(w.event_types))
          and (w.monitor_ids is null or e.monitor_id = any(w.monitor_ids))
        union
        select w.id, e.id
        from events e
        join status_page_monitors m on m.monitor_id = e.monitor_id
        join status_pages p on p.id = m.page_id
        join webhook_endpoints w on w.status_page_id = m.page_id
        where ${subscribed} and ${subscriber}
        union
        select w.id, e.id
        from events e
        join status_pages p on p.organization_id = e.organization_id
        join webhook_endpoints w on w.status_page_id = p.id
        where ${subscribed} and ${subscriber}
          and e.monitor_id is null
          and e.type in ('maintenance.started', 'maintenance.ended')
          and exists (select 1 from status_page_monitors m where m.page_id = p.id)
      ) matched
      on conflict (event_id, endpoint_id) do nothing
      returning id, endpoint_id
      )
      select i.id, case when w.status_page_id is not null then w.organization_id end as subscriber_of
      from inserted i join webhook_endpoints w on w.id = i.endpoint_id`,
  );
  return rows.map((row) => ({ id: row.id, subscriberOf: row.subscriber_of }));
}
