/**
 * The API's JSON as the dashboard reads it (dates arrive as ISO strings).
 * Written here rather than imported: the dashboard runs in a browser and
 * shares only wire shapes with the server, described at /docs/json.
 */

import type {
  ApiKeyScope,
  DeliveryStatus,
  MissingSnapshotReason,
  MonitorDisplayStatus,
  PlanName,
  ProbeStatus,
  ResultStatus,
  SnapshotOmission,
  TransportPreference,
  WebhookFormat,
} from '@mcpulse/core/domain';

export { EVENT_TYPES as WEBHOOK_EVENT_TYPES } from '@mcpulse/core/domain';
export type {
  ApiKeyScope,
  MissingSnapshotReason,
  ProbeStatus,
  ResultStatus,
  SnapshotOmission,
  WebhookFormat,
};
export type Plan = PlanName;

export interface Account {
  user: { id: string; email: string; name: string } | null;
  organization: { id: string; name: string; plan: Plan };
  usage: { monitors: number; monitorQuota: number };
  csrfToken: string | null;
}

export type MonitorStatus = MonitorDisplayStatus;
export type Transport = TransportPreference;

export interface Monitor {
  id: string;
  name: string;
  url: string;
  transport: Transport;
  regions: string[];
  intervalSeconds: number;
  timeoutMs: number;
  degradedThresholdMs: number;
  confirmations: number;
  regionQuorum: number | null;
  paused: boolean;
  isPublic: boolean;
  headers: Record<string, string>;
  status: MonitorStatus;
  statusSince: string;
  lastCheckedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SparklinePoint {
  bucketStart: string;
  p50Ms: number | null;
  checks: number;
  down: number;
}

export interface MonitorOverview {
  monitorId: string;
  name: string;
  status: MonitorStatus;
  uptime24h: number | null;
  uptime30d: number | null;
  p95Ms24h: number | null;
  lastCheckedAt: string | null;
  sparkline: SparklinePoint[];
}

export interface ProbeError {
  code: string;
  message: string;
  phase: string | null;
  httpStatus?: number | null;
  rpcCode?: number | null;
}

/** The phases that are not null plus otherMs add up to totalMs (docs/probe.md). */
export interface ProbeTimings {
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  negotiationMs: number | null;
  handshakeMs: number | null;
  toolsListMs: number | null;
  /** Null only in results stored before it was measured. */
  otherMs: number | null;
  totalMs: number;
}

/** A probe run now (Test connection, Check now). */
export interface ProbeResult {
  url: string;
  status: ProbeStatus;
  error: ProbeError | null;
  httpAlive: boolean;
  transport: string | null;
  era: string | null;
  protocolVersion: string | null;
  serverInfo: { name?: string; version?: string } | null;
  toolCount: number | null;
  schemaHash: string | null;
  timings: ProbeTimings;
  checkedAt: string;
}

/** The answer of "Test connection": the result, and a token that lets creating the monitor count it. */
export interface TestedResult extends ProbeResult {
  firstCheckToken: string;
}

/**
 * A probe result as stored, with where and when it was scheduled; or a slot that was not probed
 * (`skipped`, with its reason), which is no check: it has no timing and counts in no figure.
 */
export interface StoredResult extends Omit<ProbeResult, 'url' | 'status'> {
  region: string;
  slot: string;
  status: ResultStatus;
  skipReason: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type WindowName = '1h' | '24h' | '7d' | '30d' | '90d';

/** Checks stored in a window: the evidence behind uptime, never uptime itself. */
export interface CheckCounts {
  total: number;
  up: number;
  degraded: number;
  down: number;
}

/** Uptime as docs/uptime.md defines it; null when the span holds no monitored time. */
export interface UptimeFigure {
  uptime: number | null;
  monitoredMs: number;
  downtimeMs: number;
  degradedMs: number;
}

export interface WindowUptime extends UptimeFigure {
  checks: CheckCounts;
  regionChecks: Record<string, CheckCounts>;
}

export interface DayUptime extends UptimeFigure {
  /** Midnight UTC that starts the day. */
  start: string;
}

export interface MonitorUptime {
  asOf: string;
  windows: Record<WindowName, WindowUptime>;
  /** The last 90 UTC days, oldest first. */
  days: DayUptime[];
}

export interface LatencyFigures {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  checks: number;
}

export interface Windows<T> {
  asOf: string;
  windows: Record<WindowName, { overall: T; regions: Record<string, T> }>;
}

export interface Incident {
  id: string;
  kind: 'down' | 'degraded';
  startedAt: string;
  endedAt: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  regions: string[];
}

export interface Tool {
  name: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  annotations?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ToolChange {
  kind: string;
  class: 'breaking' | 'compatible';
  path?: string;
  detail: string;
  before?: unknown;
  after?: unknown;
}

export interface SchemaDiff {
  identical: boolean;
  breaking: boolean;
  added: { name: string; class: 'compatible' }[];
  removed: { name: string; class: 'breaking' }[];
  changed: {
    name: string;
    class: 'breaking' | 'compatible';
    changes: ToolChange[];
    descriptionChanged: boolean;
    annotationsChanged: boolean;
  }[];
  descriptionChanges: string[];
}

export interface Drift {
  id: string;
  occurredAt: string;
  fromHash: string | null;
  toHash: string | null;
  /** Null when a side's snapshot is not stored or its tools were not kept: `diffUnavailable` says which. */
  diff: SchemaDiff | null;
  diffUnavailable: MissingSnapshotReason | null;
}

export interface DriftSnapshots {
  id: string;
  occurredAt: string;
  fromHash: string | null;
  toHash: string | null;
  before: Tool[] | null;
  after: Tool[] | null;
  /** Why `before` (or `after`) is null. */
  beforeUnavailable: MissingSnapshotReason | null;
  afterUnavailable: MissingSnapshotReason | null;
}

export interface ToolsSnapshot {
  hash: string;
  /** Empty when the tools were not kept: `omitted` says why, `toolCount` still counts them. */
  tools: Tool[];
  toolCount: number;
  omitted: SnapshotOmission | null;
  since: string;
}

export type { EventType as WebhookEventType } from '@mcpulse/core/domain';

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  format: WebhookFormat;
  eventTypes: string[];
  monitorIds: string[] | null;
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
  createdAt: string;
}

export interface DeliveryAttempt {
  attempt: number;
  attemptedAt: string;
  statusCode: number | null;
  latencyMs: number | null;
  responseBody: string | null;
  error: string | null;
  manual: boolean;
}

export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  /** The monitor the event is about, as named now; null for webhook.test. */
  monitor: { id: string; name: string } | null;
  messageId: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
  attemptLog: DeliveryAttempt[];
}

/** One delivery with the JSON body it posts (GET /webhooks/{id}/deliveries/{deliveryId}). */
export interface DeliveryWithPayload extends Delivery {
  format: WebhookFormat;
  /** Null when the event breaks the published schema and was never sent. */
  payload: unknown;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scope: ApiKeyScope;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
