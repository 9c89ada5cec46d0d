import {
  probeAuthReportSchema,
  protocolChangeSchema,
  protocolIdentitySchema,
  publishedToolSchema,
  schemaDiffSchema,
} from '@mcpulse/core';
import {
  INCIDENT_KINDS,
  MISSING_SNAPSHOT_REASONS,
  MONITOR_DISPLAY_STATUSES,
  PROBE_ERROR_CODES,
  PROTOCOL_PARTS,
  RESULT_STATUSES,
  SNAPSHOT_OMISSIONS,
  STORABLE_LIMITS,
} from '@mcpulse/core/domain';
import { z } from 'zod';
import { pageLimit } from './field-schemas.js';
import type { AnswerOf, RequestOf } from './wire.js';

const instant = z.iso
  .datetime({ offset: true })
  .transform((text) => new Date(text))
  .describe('An ISO 8601 date-time');
const cursor = z.string().max(512).describe('The nextCursor of the previous page');
const resultStatus = z
  .enum(RESULT_STATUSES)
  .describe(
    "A check's status, or `skipped`: the slot was not probed (see skipReason) and counts in no figure",
  );
const milliseconds = z.number().nullable();
const monitorStatus = z.enum(MONITOR_DISPLAY_STATUSES);

export const resultsQuery = z.object({
  region: z.string().min(1).max(64).optional(),
  status: resultStatus.optional(),
  errorCode: z.enum(PROBE_ERROR_CODES).optional(),
  from: instant.optional().describe('Results scheduled at or after this time'),
  to: instant.optional().describe('Results scheduled before this time'),
  cursor: cursor.optional(),
  limit: pageLimit(500, 100),
});

export const incidentsQuery = z.object({
  cursor: cursor.optional(),
  limit: pageLimit(100, 50),
});

export const driftQuery = z.object({
  cursor: cursor.optional(),
  limit: pageLimit(100, 20),
});

export const resultItemSchema = z
  .object({
    region: z.string(),
    slot: z.date().describe('The scheduled time this check answers'),
    checkedAt: z
      .date()
      .describe('When the check ran; for a skipped slot, when its worker decided not to run it'),
    status: resultStatus,
    skipReason: z
      .string()
      .nullable()
      .describe(
        "Why the slot was not probed (its region's worker picked it up too late); null unless skipped",
      ),
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        phase: z.string().nullable(),
        httpStatus: z.number().int().nullable(),
        rpcCode: z.number().int().nullable(),
      })
      .nullable(),
    httpAlive: z.boolean(),
    transport: z.string().nullable(),
    era: z.string().nullable(),
    protocolVersion: z.string().nullable(),
    serverInfo: z.record(z.string(), z.unknown()).nullable(),
    capabilities: z.record(z.string(), z.unknown()).nullable(),
    toolCount: z.number().int().nullable(),
    schemaHash: z.string().nullable(),
    timings: z
      .object({
        dnsMs: milliseconds,
        connectMs: milliseconds,
        tlsMs: milliseconds,
        negotiationMs: milliseconds,
        handshakeMs: milliseconds,
        toolsListMs: milliseconds,
        toolCallMs: milliseconds.describe(
          "The monitor's canary tools/call; null without a canary, and for results stored before migration 0011",
        ),
        otherMs: milliseconds.describe(
          'Null only for results stored before it was measured (migration 0009)',
        ),
        totalMs: z.number(),
      })
      .describe(
        'As the probe reported them: totalMs is the sum of the phases that are not null plus otherMs, to the hundredth (docs/probe.md)',
      ),
    auth: probeAuthReportSchema
      .nullable()
      .describe(
        'OAuth discovery and token outcome (docs/probe.md, "Authorization"); null when the server asked for no authorization, and for results stored before it was recorded',
      ),
  })
  .meta({ id: 'StoredResult' });

const nextCursor = z.string().nullable().describe('Pass as cursor for the next page; null on the last');

export const resultsPageSchema = z.object({ items: z.array(resultItemSchema), nextCursor });

const checkCounts = z
  .object({
    total: z.number().int(),
    up: z.number().int(),
    degraded: z.number().int(),
    down: z.number().int(),
  })
  .meta({ id: 'CheckCounts' });

const uptime = z
  .number()
  .min(0)
  .max(1)
  .nullable()
  .describe(
    '1 − downtime / monitored time (docs/uptime.md); null when the span holds no monitored time: no data, never 100 %',
  );

const uptimeFigure = {
  uptime,
  monitoredMs: z
    .number()
    .nonnegative()
    .describe('The part of the span after the first check and before asOf, paused time left out'),
  downtimeMs: z.number().nonnegative().describe('Monitored time inside confirmed down incidents'),
  degradedMs: z
    .number()
    .nonnegative()
    .describe('Monitored time inside confirmed degraded incidents; it counts as up'),
};

const windowUptime = z
  .object({
    ...uptimeFigure,
    checks: checkCounts.describe('Checks stored in the window, all regions: the evidence, not the uptime'),
    regionChecks: z.record(z.string(), checkCounts).describe('Checks stored in the window, per region'),
  })
  .meta({ id: 'WindowUptime' });

const dayUptime = z
  .object({ start: z.date().describe('Midnight UTC that starts the day'), ...uptimeFigure })
  .meta({ id: 'DayUptime' });

const latencyFigures = z
  .object({
    p50: z.number().nullable(),
    p95: z.number().nullable(),
    p99: z.number().nullable(),
    checks: z.number().int().describe('The answered (up or degraded) checks the percentiles cover'),
  })
  .meta({ id: 'LatencyFigures' });

/** One entry per standard window, each over [asOf − window, asOf). */
function perWindow<T extends z.ZodType>(figures: T) {
  const window = z.object({ overall: figures, regions: z.record(z.string(), figures) });
  return z.object({ '1h': window, '24h': window, '7d': window, '30d': window, '90d': window });
}

export const uptimeSchema = z.object({
  asOf: z.date(),
  windows: z
    .object({
      '1h': windowUptime,
      '24h': windowUptime,
      '7d': windowUptime,
      '30d': windowUptime,
      '90d': windowUptime,
    })
    .describe('Each over [asOf − window, asOf)'),
  days: z
    .array(dayUptime)
    .describe('The last 90 UTC days, oldest first; the last is today up to asOf. Same definition as windows'),
});

export const latencySchema = z.object({
  asOf: z.date(),
  windows: perWindow(latencyFigures).describe('Total check time in milliseconds, within 5 %'),
});

export const incidentsPageSchema = z.object({
  items: z.array(
    z
      .object({
        id: z.uuid(),
        kind: z.enum(INCIDENT_KINDS),
        startedAt: z.date(),
        endedAt: z.date().nullable().describe('Null while the incident is open'),
        errorCode: z.string().nullable(),
        errorMessage: z.string().nullable(),
        regions: z.array(z.string()),
        maintenance: z
          .boolean()
          .describe('Opened inside a maintenance window: no webhook was sent for it (docs/maintenance.md)'),
      })
      .meta({ id: 'Incident' }),
  ),
  nextCursor,
});

const schemaDiff = schemaDiffSchema.meta({ id: 'SchemaDiff' });

const protocol = protocolIdentitySchema.meta({
  id: 'Protocol',
  description:
    'A protocol a monitor spoke: its era, the version its server negotiated (as the server sent it, at most 64 characters) and the transport',
});

const schemaDriftItem = z
  .object({
    id: z.uuid(),
    occurredAt: z.date(),
    fromHash: z.string().nullable(),
    toHash: z.string().nullable(),
    diff: schemaDiff.nullable().describe('Null when either snapshot or its tools is not stored'),
    diffUnavailable: z
      .enum(MISSING_SNAPSHOT_REASONS)
      .nullable()
      .describe(
        'Why diff is null: a snapshot never stored (or gone), or tools too large or too frequent to keep',
      ),
    protocolChange: protocolChangeSchema(protocol)
      .nullable()
      .describe(
        'Set when the tools changed across a protocol change: the 2026-07-28 listing drops some fields, so the same tools can hash differently in each era. Null otherwise, and for drifts recorded before protocols were followed',
      ),
  })
  .meta({ id: 'SchemaDrift' });

export const driftSchema = z.object({ items: z.array(schemaDriftItem), nextCursor });

const confirmedAt = z
  .date()
  .describe('When it was confirmed: the slot of the second result in a row that showed it');

const protocolChangeItem = z
  .object({
    id: z.uuid(),
    occurredAt: confirmedAt,
    firstSeenAt: z.date().describe('The slot of the first result that showed the new protocol'),
    from: protocol,
    to: protocol,
    changed: z.array(z.enum(PROTOCOL_PARTS)).describe('The parts of the protocol that differ'),
  })
  .meta({ id: 'ProtocolChange' });

/** A string a server chose, bounded as the storable boundary bounds every string of serverInfo. */
const serverText = z.string().max(STORABLE_LIMITS.serverFieldChars);

const releaseItem = z
  .object({
    id: z.uuid(),
    occurredAt: confirmedAt,
    firstSeenAt: z.date().describe('The slot of the first result that showed the release: where it is drawn'),
    serverName: serverText.nullable().describe('serverInfo.name of the result that confirmed it'),
    fromVersion: serverText.describe('serverInfo.version before, as the server sent it'),
    toVersion: serverText.describe('serverInfo.version now, as the server sent it'),
  })
  .meta({ id: 'Release', description: 'A release marker: the version the server announces changed' });

export const changesQuery = z.object({
  cursor: cursor.optional(),
  limit: pageLimit(100, 20),
});

export const changesSchema = z.object({
  items: z.array(
    z
      .discriminatedUnion('kind', [
        schemaDriftItem.extend({ kind: z.literal('schema.drift') }),
        protocolChangeItem.extend({ kind: z.literal('protocol.changed') }),
        releaseItem.extend({ kind: z.literal('release') }),
      ])
      .meta({ id: 'ServerChange' }),
  ),
  nextCursor,
});

export const releasesQuery = z.object({
  from: instant.optional().describe('Releases confirmed at or after this time'),
  to: instant.optional().describe('Releases confirmed before this time'),
  cursor: cursor.optional(),
  limit: pageLimit(100, 50),
});

export const releasesSchema = z.object({ items: z.array(releaseItem), nextCursor });

export const toolsSchema = z.object({
  snapshot: z
    .object({
      hash: z.string(),
      tools: z.array(publishedToolSchema).describe('Sorted by name, as hashed; empty when not kept'),
      toolCount: z.number().int(),
      omitted: z
        .enum(SNAPSHOT_OMISSIONS)
        .nullable()
        .describe('Why the tools were not kept: a list over 512 KB, or past the daily snapshot budget'),
      since: z.date().describe('When this became the confirmed schema'),
    })
    .nullable()
    .describe('Null until a schema is confirmed'),
});

export const overviewSchema = z.object({
  asOf: z.date(),
  monitors: z.array(
    z
      .object({
        monitorId: z.uuid(),
        name: z.string(),
        status: monitorStatus,
        uptime24h: uptime,
        uptime30d: uptime,
        p95Ms24h: z.number().nullable(),
        lastCheckedAt: z.date().nullable(),
        sparkline: z
          .array(
            z.object({
              bucketStart: z.date(),
              p50Ms: z.number().nullable(),
              checks: z.number().int(),
              down: z.number().int(),
            }),
          )
          .describe('24 hourly points, oldest first; the last is the current hour'),
      })
      .meta({ id: 'MonitorOverview' }),
  ),
});

export const publicStatusSchema = z
  .object({
    name: z.string(),
    status: monitorStatus,
    since: z.date(),
    lastCheckedAt: z.date().nullable(),
    uptime: z
      .object({ '24h': uptime, '30d': uptime, '90d': uptime })
      .describe("Each over the window that ends now, as the monitor's owner sees it"),
  })
  .meta({ id: 'PublicStatus' });

export type ResultsQuery = RequestOf<typeof resultsQuery>;
export type ResultsPage = AnswerOf<typeof resultsPageSchema>;
/** A stored result, or a slot that was not probed (`skipped`, with its reason). */
export type StoredResult = ResultsPage['items'][number];

export type MonitorUptime = AnswerOf<typeof uptimeSchema>;
export type WindowName = keyof MonitorUptime['windows'];
export type WindowUptime = MonitorUptime['windows'][WindowName];
export type CheckCounts = WindowUptime['checks'];
export type DayUptime = MonitorUptime['days'][number];

export type MonitorLatency = AnswerOf<typeof latencySchema>;
export type LatencyFigures = MonitorLatency['windows'][WindowName]['overall'];

export type IncidentsQuery = RequestOf<typeof incidentsQuery>;
export type IncidentsPage = AnswerOf<typeof incidentsPageSchema>;
export type Incident = IncidentsPage['items'][number];

export type DriftQuery = RequestOf<typeof driftQuery>;
export type DriftPage = AnswerOf<typeof driftSchema>;
export type SchemaDrift = DriftPage['items'][number];
export type SchemaDiff = NonNullable<SchemaDrift['diff']>;

export type ChangesQuery = RequestOf<typeof changesQuery>;
export type ChangesPage = AnswerOf<typeof changesSchema>;
export type ServerChange = ChangesPage['items'][number];
export type ProtocolChange = Extract<ServerChange, { kind: 'protocol.changed' }>;
export type Protocol = ProtocolChange['to'];

export type ReleasesQuery = RequestOf<typeof releasesQuery>;
export type ReleasesPage = AnswerOf<typeof releasesSchema>;
export type Release = ReleasesPage['items'][number];

export type MonitorTools = AnswerOf<typeof toolsSchema>;
export type ToolsSnapshot = NonNullable<MonitorTools['snapshot']>;
export type Tool = ToolsSnapshot['tools'][number];

export type Overview = AnswerOf<typeof overviewSchema>;
export type MonitorOverview = Overview['monitors'][number];
export type SparklinePoint = MonitorOverview['sparkline'][number];

export type PublicStatus = AnswerOf<typeof publicStatusSchema>;
