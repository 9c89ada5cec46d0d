/**
 * `@mcpulse/core/domain`: the value lists and limits of the domain, with no
 * I/O and nothing Node-specific, so the dashboard can import them too.
 */
export {
  CREDENTIAL_URL_FORMATS,
  DEFAULT_WEBHOOK_FORMAT,
  renderWebhookBody,
  WEBHOOK_CHANNELS,
  WEBHOOK_FORMATS,
  type WebhookFormat,
  webhookChannel,
} from '../channels/index.js';
export type { WebhookChannel } from '../channels/webhook-channel.js';
export {
  API_KEY_SCOPES,
  type ApiKeyScope,
  MEMBER_ROLES,
  type MemberRole,
  PLAN_MONITOR_QUOTAS,
  PLANS,
  type PlanName,
} from './account-values.js';
export {
  BADGE_FORMATS,
  BADGE_KINDS,
  BADGE_LABELS,
  BADGE_LIMITS,
  BADGE_MAX_AGE_SECONDS,
  BADGE_STYLES,
  type BadgeFormat,
  type BadgeKind,
  type BadgeStyle,
  badgePath,
} from './badge-values.js';
export {
  CANARY_EXPECTATION_KINDS,
  CANARY_LIMITS,
  type CanaryExpectationKind,
} from './canary-values.js';
export {
  DIRECTORY_LIST_SERVERS,
  DIRECTORY_LIST_SORTS,
  type DirectoryListSort,
} from './directory-list-values.js';
export {
  AUDIT_BUCKET_LABELS,
  AUDIT_BUCKETS,
  type AuditBucket,
  type AuditInput,
  auditBucketOf,
  DIRECTORY_AUTH_REQUIREMENTS,
  DIRECTORY_DEFAULTS,
  DIRECTORY_ENTRY_STATUSES,
  DIRECTORY_LIMITS,
  DIRECTORY_ORGANIZATION_ID,
  DIRECTORY_REMOTE_TYPES,
  DIRECTORY_SKIP_REASONS,
  type DirectoryAuthRequirement,
  type DirectoryEntryStatus,
  type DirectoryRemoteType,
  type DirectorySkipReason,
} from './directory-values.js';
export {
  DELIVERY_STATUSES,
  type DeliveryStatus,
  EVENT_TYPES,
  type EventType,
  PROTOCOL_PARTS,
  type ProtocolPart,
  TRANSITION_EVENT_TYPES,
  type TransitionEventType,
  WEBHOOK_DISABLED_REASONS,
  type WebhookDisabledReason,
} from './event-values.js';
export {
  type JsonPathParse,
  type JsonPathStep,
  parseJsonPath,
  valueAtJsonPath,
} from './json-path.js';
export { MAINTENANCE_LIMITS } from './maintenance-values.js';
export {
  INCIDENT_KINDS,
  type IncidentKind,
  MASKED_HEADER_VALUE,
  MONITOR_DEFAULTS,
  MONITOR_DISPLAY_STATUSES,
  MONITOR_LIMITS,
  MONITOR_STATUSES,
  type MonitorDisplayStatus,
  type MonitorStatus,
  PROBE_HEARTBEAT,
  PROBE_OWNED_HEADER_NAMES,
  silentAfterMs,
} from './monitor-values.js';
export {
  OAUTH_CONNECTION_LIMITS,
  OAUTH_CONNECTION_STATUSES,
  type OAuthConnectionStatus,
} from './oauth-connection-values.js';
export {
  AUTH_MODE_LABELS,
  AUTH_MODES,
  AUTH_STEPS,
  type AuthMode,
  type AuthStep,
  isFinalProbeError,
  LEGACY_PROTOCOL_VERSIONS,
  MODERN_PROTOCOL_VERSION,
  MONITOR_TRANSPORT_LABELS,
  MONITOR_TRANSPORTS,
  OAUTH_CLIENT_AUTH_METHODS,
  OAUTH_CLIENT_REGISTRATION_LABELS,
  OAUTH_CLIENT_REGISTRATIONS,
  type OAuthClientAuthMethod,
  type OAuthClientRegistration,
  PROBE_ERROR_CODES,
  PROBE_PHASES,
  PROBE_STATUSES,
  PROBE_TRANSPORTS,
  PROTOCOL_ERAS,
  type ProbeErrorCode,
  type ProbePhase,
  type ProbeStatus,
  type ProbeTransport,
  type ProtocolEra,
  RESULT_STATUSES,
  type ResultStatus,
  type TransportPreference,
} from './probe-values.js';
export { formatBytes, snapshotLimitText } from './snapshot-limit-text.js';
export {
  INCIDENT_UPDATE_STATUSES,
  type IncidentUpdateStatus,
  RESERVED_STATUS_PAGE_SLUGS,
  STATUS_PAGE_FIGURES,
  STATUS_PAGE_LIMITS,
  STATUS_PAGE_MAX_AGE_SECONDS,
  STATUS_PAGE_SLUG,
  type StatusPageFigure,
} from './status-page-values.js';
export {
  MISSING_SNAPSHOT_REASONS,
  type MissingSnapshotReason,
  SNAPSHOT_LIMITS,
  SNAPSHOT_OMISSIONS,
  type SnapshotOmission,
  STORABLE_LIMITS,
} from './storage-limits.js';
