import { z } from 'zod';
import { type EventType, PROTOCOL_PARTS } from './domain/event-values.js';
import { INCIDENT_KINDS, MONITOR_STATUSES } from './domain/monitor-values.js';
import { PROBE_STATUSES } from './domain/probe-values.js';
import { INCIDENT_UPDATE_STATUSES } from './domain/status-page-values.js';
import { MISSING_SNAPSHOT_REASONS } from './domain/storage-limits.js';
import { protocolChangeSchema, protocolIdentitySchema } from './protocol-identity.js';
import { schemaDiffSchema } from './schema-diff-schema.js';

const monitorStatus = z.enum(MONITOR_STATUSES);
const milliseconds = z.number().nonnegative();

export const webhookMonitorSchema = z
  .object({ id: z.uuid(), name: z.string(), url: z.string() })
  .meta({ id: 'WebhookMonitor', description: 'The monitor the event is about' });

export const webhookResultSchema = z
  .object({
    region: z.string(),
    slot: z.iso.datetime().describe('The scheduled slot the result belongs to'),
    checkedAt: z.iso.datetime(),
    status: z.enum(PROBE_STATUSES),
    errorCode: z.string().nullable().describe('A probe error code (see PROBE.md), null on success'),
    errorMessage: z.string().nullable(),
    totalMs: milliseconds,
    timings: z
      .object({
        dnsMs: milliseconds.nullable(),
        connectMs: milliseconds.nullable(),
        tlsMs: milliseconds.nullable(),
        negotiationMs: milliseconds.nullable(),
        handshakeMs: milliseconds.nullable(),
        toolsListMs: milliseconds.nullable(),
        toolCallMs: milliseconds
          .nullable()
          .describe("The monitor's canary tools/call; null without a canary"),
        otherMs: milliseconds.nullable().describe('Null only for results stored before it was measured'),
        totalMs: milliseconds,
      })
      .nullable()
      .describe(
        'As the probe reported them: totalMs is the sum of the phases that are not null plus otherMs (docs/probe.md)',
      ),
  })
  .meta({ id: 'WebhookResult', description: 'The latest result of one region that confirmed the change' });

const webhookError = z
  .object({ code: z.string(), message: z.string().nullable() })
  .meta({ id: 'WebhookError', description: 'Why the monitor failed, from the result that confirmed it' });

export const webhookSchemaDiffSchema = schemaDiffSchema.meta({
  id: 'WebhookSchemaDiff',
  description: 'What changed in the tool schemas',
});

export const webhookProtocolSchema = protocolIdentitySchema.meta({
  id: 'WebhookProtocol',
  description:
    'The protocol a monitor speaks: its era, the version its server negotiated (at most 64 characters, as the server sent it) and the transport',
});

const webhookProtocolChange = protocolChangeSchema(webhookProtocolSchema).meta({
  id: 'WebhookProtocolChange',
  description: 'A protocol change: the protocol before and after',
});

const envelope = {
  id: z.uuid().describe('The event id: the same for every endpoint and every retry'),
  timestamp: z.iso.datetime().describe('When the event happened: the slot of the result that confirmed it'),
};

function transitionData<To extends 'down' | 'up' | 'degraded'>(to: To) {
  return {
    monitor: webhookMonitorSchema,
    from: monitorStatus.describe('The confirmed status before'),
    to: z.literal(to),
    regions: z.array(z.string()).describe('The regions whose results confirmed the new status'),
    results: z.array(webhookResultSchema),
    error: webhookError.nullable(),
  };
}

export const webhookMonitorDownSchema = z
  .object({
    ...envelope,
    type: z.literal('monitor.down'),
    data: z.object(transitionData('down')),
  })
  .meta({ id: 'WebhookEventMonitorDown', description: 'A monitor was confirmed down' });

export const webhookMonitorUpSchema = z
  .object({
    ...envelope,
    type: z.literal('monitor.up'),
    data: z.object({
      ...transitionData('up'),
      downtimeMs: z
        .number()
        .int()
        .nonnegative()
        .nullable()
        .describe(
          'Downtime of the incident that just ended, as uptime counts it (docs/uptime.md): its length when it was down, 0 when it was degraded',
        ),
      degradedMs: z
        .number()
        .int()
        .nonnegative()
        .nullable()
        .describe(
          'Degraded time of the incident that just ended: its length when it was degraded, 0 when down',
        ),
    }),
  })
  .meta({ id: 'WebhookEventMonitorUp', description: 'A monitor recovered' });

export const webhookMonitorDegradedSchema = z
  .object({
    ...envelope,
    type: z.literal('monitor.degraded'),
    data: z.object(transitionData('degraded')),
  })
  .meta({
    id: 'WebhookEventMonitorDegraded',
    description: 'A monitor answers, but slower than its threshold',
  });

export const webhookSchemaDriftSchema = z
  .object({
    ...envelope,
    type: z.literal('schema.drift'),
    data: z.object({
      monitor: webhookMonitorSchema,
      regions: z.array(z.string()).describe('Empty: a drift is confirmed by two results in a row'),
      results: z.array(webhookResultSchema).describe('Empty for a drift'),
      error: z.null(),
      fromHash: z.string(),
      toHash: z.string(),
      breaking: z
        .boolean()
        .nullable()
        .describe('A change that breaks existing callers; null when there is no diff'),
      diff: webhookSchemaDiffSchema.nullable(),
      diffUnavailable: z
        .enum(MISSING_SNAPSHOT_REASONS)
        .nullable()
        .describe(
          'Why diff is null: a snapshot was not stored, or its tools were too large or changed too often to keep',
        ),
      protocolChange: webhookProtocolChange
        .nullable()
        .describe(
          'Set when the tools changed across a protocol change (the protocol confirmed when the old schema was last seen, and the one confirmed with the new schema): the 2026-07-28 listing drops some fields, so the same tools can hash differently in each era. Null otherwise',
        ),
    }),
  })
  .meta({ id: 'WebhookEventSchemaDrift', description: 'The tools a monitor serves changed' });

export const webhookProtocolChangedSchema = z
  .object({
    ...envelope,
    type: z.literal('protocol.changed'),
    data: z.object({
      monitor: webhookMonitorSchema,
      regions: z.array(z.string()).describe('Empty: a protocol change is confirmed by two results in a row'),
      results: z.array(webhookResultSchema).describe('Empty for a protocol change'),
      error: z.null(),
      from: webhookProtocolSchema.describe('The protocol confirmed before'),
      to: webhookProtocolSchema.describe('The protocol confirmed now'),
      changed: z.array(z.enum(PROTOCOL_PARTS)).min(1).describe('The parts of the protocol that differ'),
      firstSeenAt: z.iso
        .datetime()
        .describe('The slot of the first of the results in a row that confirmed the new protocol'),
    }),
  })
  .meta({
    id: 'WebhookEventProtocolChanged',
    description:
      'The era, negotiated protocol version or transport of a monitor changed (a server moved to 2026-07-28, or fell back to HTTP+SSE)',
  });

const webhookMaintenance = z
  .object({
    windowId: z.uuid(),
    occurrenceId: z
      .uuid()
      .describe('One occurrence of the window: each is announced once when it starts and once when it ends'),
    title: z.string().describe("The owner's title for the window, at most 200 characters"),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime().describe('Earlier than planned when the owner ended it early'),
    timeZone: z.string().describe('The IANA zone the owner scheduled it in'),
  })
  .meta({ id: 'WebhookMaintenance', description: 'The maintenance window occurrence the event is about' });

function maintenanceEvent<Type extends 'maintenance.started' | 'maintenance.ended'>(type: Type) {
  return z.object({
    ...envelope,
    type: z.literal(type),
    data: z.object({
      monitor: webhookMonitorSchema
        .nullable()
        .describe("Null: the window covers all the organisation's monitors"),
      regions: z.array(z.string()).describe('Empty for maintenance'),
      results: z.array(webhookResultSchema).describe('Empty for maintenance'),
      error: z.null(),
      maintenance: webhookMaintenance,
    }),
  });
}

export const webhookMaintenanceStartedSchema = maintenanceEvent('maintenance.started').meta({
  id: 'WebhookEventMaintenanceStarted',
  description: 'A maintenance window began: state changes inside it are stored but not alerted',
});

export const webhookMaintenanceEndedSchema = maintenanceEvent('maintenance.ended').meta({
  id: 'WebhookEventMaintenanceEnded',
  description: 'A maintenance window ended, as planned or early: alerts resume',
});

const webhookIncident = z
  .object({
    id: z.uuid(),
    kind: z.enum(INCIDENT_KINDS),
    startedAt: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable().describe('Null while the incident goes on'),
    maintenance: z.boolean().describe('Opened inside a maintenance window (no alert was sent for it)'),
  })
  .meta({ id: 'WebhookIncident', description: 'The incident an update was posted to' });

const webhookIncidentUpdate = z
  .object({
    id: z.uuid(),
    status: z.enum(INCIDENT_UPDATE_STATUSES),
    message: z.string().describe("The owner's words, at most 5,000 characters"),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookIncidentUpdate', description: 'What the owner posted' });

export const webhookIncidentUpdatedSchema = z
  .object({
    ...envelope,
    type: z.literal('incident.updated'),
    data: z.object({
      monitor: webhookMonitorSchema,
      regions: z.array(z.string()).describe('Empty for an incident update'),
      results: z.array(webhookResultSchema).describe('Empty for an incident update'),
      error: z.null(),
      incident: webhookIncident,
      update: webhookIncidentUpdate,
    }),
  })
  .meta({
    id: 'WebhookEventIncidentUpdated',
    description:
      'The owner posted an update (investigating, identified, monitoring, resolved) to an incident, as status pages show it',
  });

export const webhookTestEventSchema = z
  .object({
    ...envelope,
    type: z.literal('webhook.test'),
    data: z.object({
      monitor: z.null(),
      regions: z.array(z.string()),
      results: z.array(webhookResultSchema),
      error: z.null(),
      message: z.string(),
    }),
  })
  .meta({ id: 'WebhookEventTest', description: 'Sent on request, to check an endpoint' });

/** The standard JSON body of every webhook: `{ id, type, timestamp, data }`. */
export const webhookEventSchema = z
  .discriminatedUnion('type', [
    webhookMonitorDownSchema,
    webhookMonitorUpSchema,
    webhookMonitorDegradedSchema,
    webhookSchemaDriftSchema,
    webhookProtocolChangedSchema,
    webhookMaintenanceStartedSchema,
    webhookMaintenanceEndedSchema,
    webhookIncidentUpdatedSchema,
    webhookTestEventSchema,
  ])
  .meta({ id: 'WebhookEvent' });

export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/** An `events` row as ingest (or the test action) stored it. */
export interface StoredWebhookEvent {
  id: string;
  type: EventType;
  occurredAt: Date;
  payload: unknown;
}

export const TEST_EVENT_MESSAGE = 'A test event from mcpulse: this endpoint receives webhooks.';

function fieldsOf(payload: unknown): Record<string, unknown> {
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
}

/** Results stored before a phase was timed carry no key for it: it was not measured. */
function resultOf(stored: unknown): unknown {
  const result = fieldsOf(stored);
  if (typeof result.timings !== 'object' || result.timings === null) return stored;
  return { ...result, timings: { negotiationMs: null, toolCallMs: null, otherMs: null, ...result.timings } };
}

function dataOf(event: StoredWebhookEvent): Record<string, unknown> {
  const stored = fieldsOf(event.payload);
  const common = {
    monitor: stored.monitor ?? null,
    regions: stored.regions ?? [],
    results: Array.isArray(stored.results) ? stored.results.map(resultOf) : [],
    error: stored.error ?? null,
  };
  switch (event.type) {
    case 'monitor.up': {
      // Stored as the ended incident's length whatever its kind; uptime counts only a down incident as downtime.
      const lasted = typeof stored.downtimeMs === 'number' ? stored.downtimeMs : null;
      return {
        ...common,
        from: stored.from,
        to: stored.to,
        downtimeMs: lasted === null ? null : stored.from === 'down' ? lasted : 0,
        degradedMs: lasted === null ? null : stored.from === 'degraded' ? lasted : 0,
      };
    }
    case 'monitor.down':
    case 'monitor.degraded':
      return { ...common, from: stored.from, to: stored.to };
    case 'schema.drift':
      return {
        ...common,
        fromHash: stored.fromHash,
        toHash: stored.toHash,
        breaking: stored.breaking ?? null,
        diff: stored.diff ?? null,
        // Events stored before the reason was recorded had no diff only when a snapshot was missing.
        diffUnavailable: stored.diffUnavailable ?? (stored.diff ? null : 'not_stored'),
        // Drifts stored before protocol changes were followed were judged against none.
        protocolChange: stored.protocolChange ?? null,
      };
    case 'protocol.changed':
      return {
        ...common,
        from: stored.from,
        to: stored.to,
        changed: stored.changed,
        firstSeenAt: stored.firstSeenAt,
      };
    case 'maintenance.started':
    case 'maintenance.ended':
      return { ...common, maintenance: stored.maintenance };
    case 'incident.updated':
      return { ...common, incident: stored.incident, update: stored.update };
    case 'webhook.test':
      return { ...common, monitor: null, message: stored.message ?? TEST_EVENT_MESSAGE };
  }
}

/**
 * The payload receivers get, built from a stored event and checked against the
 * published schema, so a payload that breaks the contract is never sent.
 */
export function buildWebhookEvent(event: StoredWebhookEvent): WebhookEvent {
  return webhookEventSchema.parse({
    id: event.id,
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: dataOf(event),
  });
}
