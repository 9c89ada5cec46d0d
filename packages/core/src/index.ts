export { type DiscordMessage, toDiscordMessage } from './discord-format.js';
export {
  Conflict,
  DomainError,
  type DomainErrorCode,
  Forbidden,
  NotFound,
  QuotaExceeded,
  Unauthenticated,
  ValidationFailed,
} from './domain-errors.js';
export {
  addToHistogram,
  bucketBounds,
  HISTOGRAM_OVERFLOW_BUCKET,
  HISTOGRAM_OVERFLOW_MS,
  HistogramSum,
  histogramBucket,
  histogramCount,
  type LatencyHistogram,
  mergeHistograms,
  percentile,
} from './latency-histogram.js';
export type {
  DriftEffect,
  IncidentKind,
  MachineEffect,
  MachineSettings,
  MonitorMachineState,
  MonitorStatus,
  ObservedResult,
  OpenIncident,
  RegionState,
  TransitionEffect,
  TransitionEvent,
} from './monitor-machine-types.js';
export {
  applyResults,
  DEFAULT_CONFIRMATIONS,
  effectiveQuorum,
  initialMachineState,
} from './monitor-state-machine.js';
export { PLAN_MONITOR_QUOTAS, type PlanName } from './plans.js';
export {
  LEGACY_PROTOCOL_VERSIONS,
  MODERN_PROTOCOL_VERSION,
  MONITOR_TRANSPORT_VALUES,
  PROBE_ERROR_CODES,
  PROBE_PHASES,
  type ProbeError,
  type ProbeErrorCode,
  type ProbePhase,
  type ProbeResult,
  type ProbeStatus,
  type ProbeTimings,
  type ProbeTransport,
  type ProtocolEra,
  type ServerInfo,
  type Tool,
  type TransportPreference,
} from './probe-result.js';
export { probeResultSchema } from './probe-result-schema.js';
export {
  type ChangeClass,
  TOOL_CHANGE_KINDS,
  type ToolChange,
  type ToolChangeKind,
} from './schema-change.js';
export {
  type AddedTool,
  type ChangedTool,
  diffSnapshots,
  formatDiff,
  type RemovedTool,
  type SchemaDiff,
} from './schema-diff.js';
export { schemaDiffSchema } from './schema-diff-schema.js';
export { computeSchemaHash, normalizeTools } from './schema-hash.js';
export {
  createSnapshot,
  parseSnapshot,
  type SchemaSnapshot,
  type SnapshotMeta,
  schemaSnapshotSchema,
} from './schema-snapshot.js';
export { seal, unseal } from './secret-box.js';
export { escapeSlack, type SlackMessage, toSlackMessage } from './slack-format.js';
export { type JsonBounds, storableJson } from './storable-json.js';
export { type ResultWithTools, type StorableResult, storableResult } from './storable-result.js';
export { type Scrub, secretScrubber, storableText } from './storable-text.js';
export {
  MISSING_SNAPSHOT_REASONS,
  type MissingSnapshotReason,
  SNAPSHOT_LIMITS,
  SNAPSHOT_OMISSIONS,
  type SnapshotOmission,
  STORABLE_LIMITS,
} from './storage-limits.js';
export { publishedToolSchema, readStoredTools } from './stored-tools.js';
export {
  nextWebhookAttemptAt,
  WEBHOOK_RETRY_POLICY,
  webhookRetryCeilingMs,
  webhookRetryDelayMs,
} from './webhook-backoff.js';
export { renderWebhookBody, WEBHOOK_BODY_FORMATS, type WebhookBodyFormat } from './webhook-body.js';
export {
  type EndpointVerdict,
  endpointVerdict,
  isWebhookSuccess,
  WEBHOOK_DISABLE_AFTER_FAILING_MS,
  type WebhookDisabledReason,
} from './webhook-endpoint-health.js';
export {
  buildWebhookEvent,
  type StoredWebhookEvent,
  TEST_EVENT_MESSAGE,
  WEBHOOK_EVENT_TYPES,
  type WebhookEvent,
  type WebhookEventType,
  webhookEventSchema,
  webhookMonitorDegradedSchema,
  webhookMonitorDownSchema,
  webhookMonitorUpSchema,
  webhookSchemaDriftSchema,
  webhookTestEventSchema,
} from './webhook-payload.js';
export {
  CHAT_WEBHOOK_FORMATS,
  maskedWebhookUrl,
  sealWebhookSecret,
  sealWebhookUrl,
  unsealWebhookSecret,
  unsealWebhookUrl,
} from './webhook-secret.js';
export {
  newWebhookSecret,
  signWebhook,
  WEBHOOK_SECRET_PREFIX,
  type WebhookHeaders,
  webhookHeaders,
} from './webhook-signature.js';
export { formatDuration, summarizeWebhookEvent, type WebhookSummary } from './webhook-summary.js';
