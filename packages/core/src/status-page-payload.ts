import { z } from 'zod';
import { MAINTENANCE_LIMITS } from './domain/maintenance-values.js';
import { INCIDENT_KINDS } from './domain/monitor-values.js';
import { INCIDENT_UPDATE_STATUSES, STATUS_PAGE_LIMITS } from './domain/status-page-values.js';
import type { StoredWebhookEvent } from './webhook-payload.js';

/**
 * What a status page's webhook subscribers receive (docs/webhooks.md, "Status page subscribers"):
 * only what the public page itself shows. Never the owner's standard payload, which carries
 * monitor URLs, error messages and regions.
 */

/** A monitor's own name is at most this long where the API takes it; a page's display name is shorter. */
const MONITOR_NAME_CHARS = 200;
const URL_CHARS = 2_048;

const link = z
  .object({
    url: z.string().max(URL_CHARS).describe('Where to send the token'),
    token: z.string().max(64).describe('Send as the JSON body `{ "token": … }`'),
  })
  .meta({ id: 'StatusPageSubscriberLink' });

const envelope = {
  id: z.uuid().describe('The event id: the same for every subscriber and every retry'),
  timestamp: z.iso.datetime().describe('When the event happened'),
  page: z
    .object({
      slug: z.string().max(STATUS_PAGE_LIMITS.slugChars),
      title: z.string().max(STATUS_PAGE_LIMITS.titleChars),
      url: z.string().max(URL_CHARS).describe('The public page'),
    })
    .meta({ id: 'StatusPageRef', description: 'The status page subscribed to' }),
  unsubscribe: link.describe('`DELETE` to `url` with `{ token }` ends the subscription'),
};

const pageMonitor = z
  .object({ name: z.string().max(MONITOR_NAME_CHARS).describe('The name the page shows for it') })
  .meta({ id: 'StatusPageMonitor', description: 'A monitor as the page shows it: its name, nothing else' });

const incident = z
  .object({
    id: z.uuid(),
    impact: z.enum(INCIDENT_KINDS).describe('down: not answering; degraded: answering slower than it should'),
    status: z.enum(['open', 'resolved']),
    startedAt: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'StatusPageIncident', description: 'An incident as the page shows it' });

const incidentEvent = <Type extends string, Extra extends z.ZodRawShape>(type: Type, extra: Extra) =>
  z.object({ ...envelope, type: z.literal(type), monitor: pageMonitor, incident: incident.extend(extra) });

const maintenance = z
  .object({
    title: z.string().max(MAINTENANCE_LIMITS.titleChars),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime().describe('Earlier than planned when it was ended early'),
  })
  .meta({ id: 'StatusPageMaintenance', description: 'A maintenance window as the page shows it' });

const maintenanceEvent = <Type extends string>(type: Type) =>
  z.object({
    ...envelope,
    type: z.literal(type),
    monitor: pageMonitor.nullable().describe('Null: the window covers every monitor of the page'),
    maintenance,
  });

export const statusPageEventSchema = z
  .discriminatedUnion('type', [
    incidentEvent('status_page.incident.opened', {}).meta({
      id: 'StatusPageEventIncidentOpened',
      description: 'A monitor the page shows was confirmed down or degraded',
    }),
    incidentEvent('status_page.incident.updated', {
      update: z.object({
        status: z.enum(INCIDENT_UPDATE_STATUSES),
        message: z.string().max(STATUS_PAGE_LIMITS.updateMessageChars),
        createdAt: z.iso.datetime(),
      }),
    }).meta({ id: 'StatusPageEventIncidentUpdated', description: 'The page’s owner posted an update' }),
    incidentEvent('status_page.incident.resolved', {}).meta({
      id: 'StatusPageEventIncidentResolved',
      description: 'The monitor recovered',
    }),
    maintenanceEvent('status_page.maintenance.started').meta({
      id: 'StatusPageEventMaintenanceStarted',
      description: 'Maintenance covering a monitor of the page began',
    }),
    maintenanceEvent('status_page.maintenance.ended').meta({
      id: 'StatusPageEventMaintenanceEnded',
      description: 'That maintenance ended',
    }),
    z
      .object({
        ...envelope,
        type: z.literal('subscription.confirm'),
        monitor: z.null(),
        confirm: link.describe('`POST` to `url` with `{ token }` confirms the subscription'),
      })
      .meta({
        id: 'StatusPageEventSubscriptionConfirm',
        description: 'The one message sent before the subscription is confirmed',
      }),
  ])
  .meta({ id: 'StatusPageEvent' });

export type StatusPageEvent = z.infer<typeof statusPageEventSchema>;

/** A payload without the subscriber's own links: what every subscriber of one page shares. */
export type StatusPageMessage = StatusPageEvent extends infer Event
  ? Event extends unknown
    ? Omit<Event, 'unsubscribe' | 'confirm'>
    : never
  : never;

/** What the sender reads about the subscriber's page and the event's incident when it claims the attempt. */
export interface StatusPageFacts {
  slug: string;
  title: string;
  /** The name the page shows for the event's monitor (its display name, else the monitor's); null for none. */
  monitorName: string | null;
  incident: { id: string; kind: string; startedAt: Date; endedAt: Date | null } | null;
}

/** The links of one subscriber, built from trusted parts: the deployment's URL, the slug, ids and tokens. */
export interface SubscriberLinks {
  /** MCPULSE_PUBLIC_URL without a trailing slash; empty leaves the links as paths. */
  publicUrl: string;
  subscriberId: string;
  unsubscribeToken: string;
  /** Sent only in the confirmation. */
  confirmToken: string;
}

function fieldsOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** Owner text is bounded where it is stored; cut again here so one oversized row cannot stop every message. */
const cut = (text: unknown, chars: number) => (typeof text === 'string' ? text.slice(0, chars) : text);

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

function incidentOf(facts: StatusPageFacts, status: 'open' | 'resolved') {
  const found = facts.incident;
  return {
    id: found?.id,
    impact: found?.kind,
    status,
    startedAt: iso(found?.startedAt),
    // An opening is told as it was then, even when a retry sends it after the recovery.
    endedAt: status === 'resolved' ? iso(found?.endedAt ?? null) : null,
  };
}

function bodyOf(event: StoredWebhookEvent, facts: StatusPageFacts): Record<string, unknown> {
  const stored = fieldsOf(event.payload);
  const monitor = facts.monitorName === null ? null : { name: cut(facts.monitorName, MONITOR_NAME_CHARS) };
  switch (event.type) {
    case 'incident.updated': {
      // The incident as it stood when the update was posted, as the event stored it.
      const update = fieldsOf(stored.update);
      const then = fieldsOf(stored.incident);
      return {
        type: 'status_page.incident.updated',
        monitor,
        incident: {
          id: then.id,
          impact: then.kind,
          status: then.endedAt ? 'resolved' : 'open',
          startedAt: then.startedAt,
          endedAt: then.endedAt ?? null,
          update: {
            status: update.status,
            message: cut(update.message, STATUS_PAGE_LIMITS.updateMessageChars),
            createdAt: update.createdAt,
          },
        },
      };
    }
    case 'monitor.down':
    case 'monitor.degraded':
      return { type: 'status_page.incident.opened', monitor, incident: incidentOf(facts, 'open') };
    case 'monitor.up':
      return { type: 'status_page.incident.resolved', monitor, incident: incidentOf(facts, 'resolved') };
    case 'maintenance.started':
    case 'maintenance.ended': {
      const window = fieldsOf(stored.maintenance);
      return {
        type:
          event.type === 'maintenance.started'
            ? 'status_page.maintenance.started'
            : 'status_page.maintenance.ended',
        monitor,
        maintenance: {
          title: cut(window.title, MAINTENANCE_LIMITS.titleChars),
          startsAt: window.startsAt,
          endsAt: window.endsAt,
        },
      };
    }
    case 'webhook.test':
      // A subscriber's only `webhook.test` event is its confirmation (the owner's API cannot reach it).
      return { type: 'subscription.confirm', monitor: null };
    default:
      throw new Error(`a status page subscriber never receives ${event.type}`);
  }
}

/**
 * The page-level part of a subscriber's payload: the same for every subscriber of one page, so
 * the sender builds it once per event and page. Throws when it breaks the published schema.
 */
export function buildStatusPageEvent(
  event: StoredWebhookEvent,
  facts: StatusPageFacts,
  publicUrl: string,
): StatusPageMessage {
  const candidate = {
    id: event.id,
    timestamp: event.occurredAt.toISOString(),
    page: {
      slug: facts.slug,
      title: cut(facts.title, STATUS_PAGE_LIMITS.titleChars),
      url: `${publicUrl}/status/${facts.slug}`,
    },
    ...bodyOf(event, facts),
    // Checked with placeholder links; the real ones are added per subscriber from trusted parts.
    unsubscribe: { url: '', token: '' },
    ...(event.type === 'webhook.test' ? { confirm: { url: '', token: '' } } : {}),
  };
  const {
    unsubscribe: _u,
    confirm: _c,
    ...page
  } = statusPageEventSchema.parse(candidate) as StatusPageEvent & {
    confirm?: unknown;
  };
  return page;
}

/** The subscriber's own links, where its tokens are sent, under the page's public API path. */
export function subscriberPath(slug: string, subscriberId: string): string {
  return `/api/v1/public/status-pages/${slug}/subscribers/${subscriberId}`;
}

/** The exact bytes sent and signed for one subscriber. */
export function renderStatusPageBody(page: StatusPageMessage, links: SubscriberLinks): string {
  const base = `${links.publicUrl}${subscriberPath(page.page.slug, links.subscriberId)}`;
  return JSON.stringify({
    ...page,
    ...(page.type === 'subscription.confirm'
      ? { confirm: { url: `${base}/confirm`, token: links.confirmToken } }
      : {}),
    unsubscribe: { url: base, token: links.unsubscribeToken },
  });
}
