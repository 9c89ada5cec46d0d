import type { StatusPageFacts } from '@mcpulse/core';
import type { EventType, WebhookFormat } from '@mcpulse/core/domain';
import { type Executor, queryRows } from '@mcpulse/db';
import { type SQL, sql } from 'drizzle-orm';
import type { WebhookJob } from './webhook-job.js';

/**
 * How long a claimed attempt may take before the sweep assumes its worker
 * died and schedules it again: the attempt's own deadline plus a margin.
 */
export const ATTEMPT_LEASE_MS = 70_000;

/** A delivery whose attempt this worker has claimed, with what sending it needs. */
export interface ClaimedDelivery {
  id: string;
  messageId: string;
  createdAt: Date;
  /** This attempt's number, counted from 1, manual attempts included. */
  attempt: number;
  /** When the claim was made: the attempt's time in its log and in its signature. */
  attemptedAt: Date;
  endpoint: {
    id: string;
    url: string;
    /** A chat format's full URL, sealed; `url` then holds only its origin. */
    urlSealed: string | null;
    format: WebhookFormat;
    secretSealed: string;
    previousSecretSealed: string | null;
    previousSecretExpiresAt: Date | null;
    /**
     * Set for a status page's subscriber (whoever asked on the public page): its organisation, whose
     * attempts take the subscribers' queue. Such an endpoint is always under the hosted address
     * rules, and never sent the owner's payload, even should its page not be found. Null for the
     * organisation's own endpoints.
     */
    subscriberOf: string | null;
    /**
     * Set for a status page's subscriber: the page and what it shows of the event, read now, so
     * the message names the monitor as the page does today. Null for the organisation's own endpoints.
     */
    statusPage: (StatusPageFacts & { id: string }) | null;
  };
  event: { id: string; type: EventType; occurredAt: Date; payload: unknown; monitorId: string | null };
}

interface ClaimRow {
  id: string;
  message_id: string;
  created_at: string | Date;
  attempts: number;
  endpoint_id: string;
  url: string;
  url_sealed: string | null;
  format: WebhookFormat;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: string | Date | null;
  event_id: string;
  type: EventType;
  occurred_at: string | Date;
  payload: unknown;
  monitor_id: string | null;
  status_page_id: string | null;
  organization_id: string;
  page_slug: string | null;
  page_title: string | null;
  page_monitor_name: string | null;
  incident_id: string | null;
  incident_kind: string | null;
  incident_started_at: string | Date | null;
  incident_ended_at: string | Date | null;
}

function statusPageOf(row: ClaimRow): ClaimedDelivery['endpoint']['statusPage'] {
  if (row.status_page_id === null || row.page_slug === null || row.page_title === null) return null;
  return {
    id: row.status_page_id,
    slug: row.page_slug,
    title: row.page_title,
    monitorName: row.page_monitor_name,
    incident:
      row.incident_id && row.incident_kind && row.incident_started_at
        ? {
            id: row.incident_id,
            kind: row.incident_kind,
            startedAt: date(row.incident_started_at),
            endedAt: row.incident_ended_at ? date(row.incident_ended_at) : null,
          }
        : null,
  };
}

const date = (value: string | Date) => (value instanceof Date ? value : new Date(value));

function requestRow(job: WebhookJob): SQL {
  return 'manual' in job
    ? sql`(${job.deliveryId}::uuid, null::timestamptz, true)`
    : sql`(${job.deliveryId}::uuid, ${job.due}::timestamptz, false)`;
}

function claimed(row: ClaimRow, attemptedAt: Date): ClaimedDelivery {
  return {
    id: row.id,
    messageId: row.message_id,
    createdAt: date(row.created_at),
    attempt: Number(row.attempts),
    attemptedAt,
    endpoint: {
      id: row.endpoint_id,
      url: row.url,
      urlSealed: row.url_sealed,
      format: row.format,
      secretSealed: row.secret_sealed,
      previousSecretSealed: row.previous_secret_sealed,
      previousSecretExpiresAt: row.previous_secret_expires_at ? date(row.previous_secret_expires_at) : null,
      subscriberOf: row.status_page_id === null ? null : row.organization_id,
      statusPage: statusPageOf(row),
    },
    event: {
      id: row.event_id,
      type: row.type,
      occurredAt: date(row.occurred_at),
      payload: row.payload,
      monitorId: row.monitor_id,
    },
  };
}

/**
 * Takes the right to make one attempt for each job and reads what sending it
 * needs, in one statement for the lot: attempts are the sender's hot path.
 * An automatic job wins only while its delivery is pending, its endpoint
 * enabled, and the delivery still due at the job's time, and it moves that
 * time to the end of a lease, so a duplicate job finds nothing to do. A manual
 * attempt always runs and leaves the automatic schedule alone. Answers one
 * claim or null per job, in order; the jobs must name distinct deliveries.
 */
export async function claimAttempts(
  db: Executor,
  jobs: readonly WebhookJob[],
  now: Date,
): Promise<Array<ClaimedDelivery | null>> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const lease = sql`${new Date(now.getTime() + ATTEMPT_LEASE_MS).toISOString()}::timestamptz`;
  const rows = await queryRows<ClaimRow>(
    db,
    sql`with request(id, due, manual) as (values ${sql.join(jobs.map(requestRow), sql`, `)}),
      claimed as (
        update webhook_deliveries d
        set attempts = d.attempts + 1, last_attempt_at = ${at},
            next_attempt_at = case when r.manual then d.next_attempt_at else ${lease} end
        from request r, webhook_endpoints w
        where d.id = r.id and w.id = d.endpoint_id
          and (r.manual or (d.status = 'pending' and w.enabled
            and date_trunc('milliseconds', d.next_attempt_at) = r.due))
        returning d.id, d.message_id, d.created_at, d.attempts, d.endpoint_id, d.event_id
      )
      select c.*, w.url, w.url_sealed, w.format, w.secret_sealed, w.previous_secret_sealed, w.previous_secret_expires_at,
             e.type, e.occurred_at, e.payload, e.monitor_id, w.status_page_id, w.organization_id,
             p.slug as page_slug, p.title as page_title,
             case when pm.monitor_id is not null then coalesce(pm.display_name, mo.name) end as page_monitor_name,
             i.id as incident_id, i.kind as incident_kind,
             i.started_at as incident_started_at, i.ended_at as incident_ended_at
      from claimed c
      join webhook_endpoints w on w.id = c.endpoint_id
      join events e on e.id = c.event_id
      left join status_pages p on p.id = w.status_page_id
      left join status_page_monitors pm on pm.page_id = w.status_page_id and pm.monitor_id = e.monitor_id
      left join monitors mo on w.status_page_id is not null and mo.id = e.monitor_id
      left join incidents i on w.status_page_id is not null and i.id = e.incident_id`,
  );
  const byId = new Map(rows.map((row) => [row.id, claimed(row, now)]));
  return jobs.map((job) => byId.get(job.deliveryId) ?? null);
}

/**
 * A due delivery whose endpoint was disabled meanwhile stops without a
 * request; a person can still redeliver it by hand.
 */
export async function stopIfEndpointDisabled(db: Executor, deliveryId: string): Promise<void> {
  await db.execute(
    sql`update webhook_deliveries d set status = 'failed', next_attempt_at = null
      from webhook_endpoints w
      where d.id = ${deliveryId} and d.status = 'pending' and w.id = d.endpoint_id and not w.enabled`,
  );
}
