export { type DiscordMessage, escapeDiscord, toDiscordMessage } from './channels/discord-channel.js';
export {
  formatDuration,
  type SummaryField,
  type SummaryPart,
  summarizeWebhookEvent,
  type WebhookSummary,
} from './channels/event-summary.js';
export { escapeSlack, type SlackMessage, toSlackMessage } from './channels/slack-channel.js';
export {
  CHANGE_CONFIRMATIONS,
  type ConfirmedChange,
  emptyTracking,
  trackValue,
  type ValueTracking,
} from './confirmed-value.js';
export {
  Conflict,
  DomainError,
  type DomainErrorCode,
  type DomainVerificationCode,
  DomainVerificationFailed,
  Forbidden,
  NotFound,
  QuotaExceeded,
  Unauthenticated,
  ValidationFailed,
} from './domain-errors.js';
export {
  FIRST_CHECK_MAX_AGE_MS,
  type FirstCheck,
  firstCheckToken,
  openFirstCheckToken,
} from './first-check-token.js';
export { escapeHtml } from './html-text.js';
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
export {
  InvalidSchedule,
  type MaintenanceOccurrence,
  type MaintenanceSchedule,
  maintenanceOccurrences,
  validateMaintenanceSchedule,
  wallClockIn,
} from './maintenance-recurrence.js';
export {
  type HeaderProblem,
  headerProblems,
  keepMaskedValues,
  maskHeaders,
  sealMonitorHeaders,
  unsealMonitorHeaders,
} from './monitor-headers.js';
export type {
  DriftEffect,
  IncidentKind,
  MachineEffect,
  MachineSettings,
  MonitorMachineState,
  MonitorStatus,
  ObservedResult,
  OpenIncident,
  ProtocolChangeEffect,
  RecheckEffect,
  RegionState,
  ReleaseEffect,
  RunKind,
  TransitionEffect,
  TransitionEvent,
} from './monitor-machine-types.js';
export {
  type MaskedOAuthClient,
  maskOAuthClient,
  type OAuthClientCredentials,
  type OAuthClientSummary,
  oauthCredentialsVersion,
  resolveOAuthCredentials,
  sealMonitorOAuth,
  unsealMonitorOAuth,
} from './monitor-oauth.js';
export {
  connectionSummary,
  monitorConnectionContext,
  type OAuthConnection,
  type OAuthConnectionClient,
  type OAuthConnectionSummary,
  rotatedConnection,
  sealedRotation,
  sealMonitorConnection,
  sealOAuthConnection,
  unsealMonitorConnection,
  unsealOAuthConnection,
} from './monitor-oauth-connection.js';
export { regionStateAfterFirstCheck, runKindOf } from './monitor-region-state.js';
export { checkMonitorSettings, checkThresholds, type MonitorSettings } from './monitor-settings.js';
export {
  applyResults,
  DEFAULT_CONFIRMATIONS,
  effectiveQuorum,
  initialMachineState,
  silentAfterMs,
} from './monitor-state-machine.js';
export type {
  ProbeAuthReport,
  ProbeError,
  ProbeResult,
  ProbeTimings,
  ServerInfo,
  Tool,
} from './probe-result.js';
export { probeAuthReportSchema, probeResultSchema } from './probe-result-schema.js';
export {
  type CheckSettings,
  type OpenProbeSpec,
  openProbeSpec,
  type ProbeSpec,
  probeSpecOf,
  probeSpecSchema,
  unsavedProbeSpec,
} from './probe-spec.js';
export {
  driftProtocolChange,
  type ProtocolIdentity,
  protocolChangeSchema,
  protocolIdentitySchema,
  protocolOf,
  protocolPartsChanged,
  type ServerRelease,
  type StoredProtocolChange,
  sameProtocol,
  serverReleaseOf,
  storedProtocolChangeSchema,
} from './protocol-identity.js';
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
export {
  buildStatusPageEvent,
  renderStatusPageBody,
  type StatusPageEvent,
  type StatusPageFacts,
  type StatusPageMessage,
  type SubscriberLinks,
  statusPageEventSchema,
  subscriberPath,
} from './status-page-payload.js';
export { type JsonBounds, storableJson } from './storable-json.js';
export { type ResultWithTools, type StorableResult, storableResult } from './storable-result.js';
export { type Scrub, secretScrubber, storableText } from './storable-text.js';
export { publishedToolSchema, readStoredTools } from './stored-tools.js';
export { isSubscriberToken, type SubscriberTokenPurpose, subscriberToken } from './subscriber-token.js';
export {
  type CanaryExpectation,
  jsonEquals,
  type ToolCanary,
  toolCanarySchema,
  toolCanarySpecSchema,
} from './tool-canary.js';
export {
  type DayUptime,
  type Stretch,
  type UptimeFigure,
  type UptimeHistory,
  type UptimeTimeline,
  uptimeByDay,
  uptimeIn,
  uptimeTimeline,
} from './uptime.js';
export {
  nextWebhookAttemptAt,
  WEBHOOK_RETRY_POLICY,
  webhookRetryCeilingMs,
  webhookRetryDelayMs,
} from './webhook-backoff.js';
export {
  type EndpointVerdict,
  endpointVerdict,
  isWebhookSuccess,
  WEBHOOK_DISABLE_AFTER_FAILING_MS,
} from './webhook-endpoint-health.js';
export {
  buildWebhookEvent,
  type StoredWebhookEvent,
  TEST_EVENT_MESSAGE,
  type WebhookEvent,
  webhookEventSchema,
  webhookMaintenanceEndedSchema,
  webhookMaintenanceStartedSchema,
  webhookMonitorDegradedSchema,
  webhookMonitorDownSchema,
  webhookMonitorUpSchema,
  webhookProtocolChangedSchema,
  webhookSchemaDriftSchema,
  webhookTestEventSchema,
} from './webhook-payload.js';
export {
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
