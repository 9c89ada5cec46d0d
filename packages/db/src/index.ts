export {
  type DatabaseConfig,
  type DatabaseHandle,
  type Db,
  type Executor,
  openDatabase,
  type PoolUse,
  queryRows,
  type Schema,
} from './database.js';
export { upkeepAuditDays, writeAuditDay } from './directory-audit-days.js';
export { MIGRATIONS_FOLDER, migrate } from './migrate.js';
export {
  dropExpiredResults,
  ensureResultPartitions,
  listResultPartitions,
  partitionName,
} from './partitions.js';
export { type OrganizationRow, organizationById } from './queries/accounts/organizations.js';
export {
  firstOrganizationOf,
  insertOwnerAccount,
  type NewOwnerAccount,
} from './queries/accounts/owner-account.js';
export { deleteSession, insertSession, liveSession, type SessionRow } from './queries/accounts/sessions.js';
export { setPasswordHash, userByEmail, userById } from './queries/accounts/users.js';
export {
  type OrganizationSummaryRow,
  organizationMembers,
  organizationSummariesOfMember,
  organizationSummary,
  setOrganizationPlan,
} from './queries/admin/organization-summaries.js';
export { activeApiKey, markApiKeyUsed } from './queries/api-keys/api-key-auth.js';
export {
  type ApiKeyView,
  insertApiKey,
  listApiKeyViews,
  type NewApiKey,
  revokeOwnedApiKey,
} from './queries/api-keys/api-key-views.js';
export { type DeliveryBacklog, deliveryBacklog } from './queries/deliveries/delivery-backlog.js';
export {
  type DeliveryRow,
  insertTestDelivery,
  type NewTestDelivery,
} from './queries/deliveries/insert-test-delivery.js';
export {
  allDirectoryEndpoints,
  type DirectoryEndpointRow,
  type DirectoryMonitorRow,
  directoryMonitors,
  insertDirectoryEndpoints,
  insertDirectoryMonitors,
  type ListedEntryRemotes,
  listedEntryRemotes,
  type NewDirectoryEndpoint,
  type NewDirectoryMonitor,
  pauseDirectoryMonitor,
  replaceEntryLinks,
  resumeDirectoryMonitor,
  updateDirectoryEndpoint,
  updateDirectoryMonitor,
} from './queries/directory/directory-endpoint-rows.js';
export { refreshDirectorySummaries } from './queries/directory/refresh-summaries.js';
export {
  applyRegistryListing,
  type DirectoryRegistryRow,
  directoryRegistryRows,
  directoryRegistryStatuses,
  type ListedEntry,
  type ListingOutcome,
  lockDirectoryEndpoints,
  lockDirectoryRegistry,
  recordRegistryFailure,
} from './queries/directory/registry-listing.js';
export {
  endMaintenanceWindow,
  expandMaintenanceWindows,
  inMaintenance,
  insertMaintenanceWindow,
  listMaintenanceWindows,
  type MaintenanceNotice,
  type MaintenanceOccurrenceView,
  type MaintenanceWindowView,
  type NewMaintenanceWindow,
  storeMaintenanceNotices,
} from './queries/maintenance/maintenance-windows.js';
export {
  insertRegionStates,
  lockMonitorState,
  monitorSchemaHash,
  type NewRegionState,
} from './queries/monitor-state/monitor-state.js';
export { closeOpenIncident, openIncidentLikeLast } from './queries/monitor-state/pause-incidents.js';
export {
  type BadgeMonitor,
  ownedBadgesPublic,
  publicBadgeMonitor,
  setOwnedBadgesPublic,
} from './queries/monitors/badge-monitor.js';
export { closePause, openPause } from './queries/monitors/monitor-pauses.js';
export {
  listMonitorViews,
  type MonitorFilter,
  type MonitorView,
  ownedMonitorView,
  publicMonitorView,
} from './queries/monitors/monitor-views.js';
export { type MonitorRow, ownedMonitor, ownedMonitorIds } from './queries/monitors/owned-monitor.js';
export {
  countMonitors,
  deleteOwnedMonitor,
  insertMonitor,
  type MonitorChanges,
  type NewMonitorRow,
  updateOwnedMonitor,
} from './queries/monitors/write-monitor.js';
export { storeRotatedConnection } from './queries/oauth/monitor-connection.js';
export {
  type AuthorizationEnd,
  type AuthorizationOwner,
  claimOAuthConnection,
  deleteExpiredOAuthAuthorizations,
  endOAuthAuthorization,
  insertOAuthAuthorization,
  type NewOAuthAuthorization,
  type OAuthAuthorizationRow,
  ownedOAuthAuthorization,
  takeOAuthAuthorization,
} from './queries/oauth/oauth-authorizations.js';
export { insertRelease, type NewRelease } from './queries/releases/insert-release.js';
export {
  confirmationKey,
  confirmPageSubscriber,
  countOrganizationSubscribers,
  countPageSubscribers,
  deletePageSubscriber,
  dropLapsedSubscribers,
  ownedSubscribedPage,
  pageSubscriber,
  pageSubscribers,
  type SubscribedPage,
  type SubscriberView,
  statusPageBySlug,
  subscriberAndPage,
  UNCONFIRMED_SUBSCRIBER_TTL_MS,
} from './queries/status-page-subscribers/page-subscribers.js';
export {
  countIncidentUpdates,
  deleteIncidentUpdate,
  type IncidentUpdateRow,
  insertIncidentUpdate,
  listIncidentUpdates,
  type OwnedIncident,
  ownedIncident,
} from './queries/status-pages/incident-updates.js';
export {
  countStatusPages,
  deleteStatusPage,
  insertStatusPage,
  listStatusPages,
  ownedStatusPage,
  pagesShowing,
  replaceStatusPage,
  type StatusPageContent,
  type StatusPageRecord,
  setDomainVerifiedAt,
  takenPageNames,
} from './queries/status-pages/owned-status-pages.js';
export {
  countWebhookEndpoints,
  deleteOwnedWebhookEndpoint,
  insertWebhookEndpoint,
  type NewWebhookEndpoint,
  ownedWebhookEndpoint,
  updateOwnedWebhookEndpoint,
  type WebhookEndpointChanges,
  type WebhookEndpointRow,
} from './queries/webhooks/owned-webhook.js';
export { plainChatUrlEndpoints, sealEndpointUrl } from './queries/webhooks/plain-chat-urls.js';
export { listWebhookViews, ownedWebhookView, type WebhookView } from './queries/webhooks/webhook-views.js';
export {
  type ChangeView,
  changeTimeline,
  type ProtocolChangeView,
} from './reads/change-timeline.js';
export { type CurrentTools, currentTools } from './reads/current-tools.js';
export { type DeliveryEvent, deliveryEvent } from './reads/delivery-event.js';
export {
  AUDIT_SERVERS_PER_ENDPOINT,
  type AuditCheck,
  type AuditDayRow,
  type AuditEndpoint,
  listAuditEndpoints,
  readAuditDays,
} from './reads/directory-audit.js';
export {
  type DirectoryList,
  type DirectoryListItem,
  type DirectoryListQuery,
  directorySummariesOf,
  listDirectory,
} from './reads/directory-list.js';
export {
  type DirectoryServer,
  type DirectoryServerEndpoint,
  type DirectoryServerEntry,
  directoryServer,
} from './reads/directory-server.js';
export { type DriftEvent, ownedDriftEvent } from './reads/drift-event.js';
export { type DriftView, driftHistory, driftViews, type StoredDrift } from './reads/drift-history.js';
export { type LatencyFigures, type LatencyWindows, latencyWindows } from './reads/latency-windows.js';
export {
  type AttemptView,
  type DeliveryFilter,
  type DeliveryMonitor,
  type DeliveryView,
  listDeliveries,
} from './reads/list-deliveries.js';
export { type IncidentView, listIncidents } from './reads/list-incidents.js';
export { listResults, type ResultFilters, type ResultView } from './reads/list-results.js';
export {
  type DriftDiff,
  driftDiff,
  type MonitorSnapshot,
  monitorSnapshots,
} from './reads/monitor-snapshots.js';
export { type MonitorOverview, monitorsOverview, type SparklinePoint } from './reads/monitors-overview.js';
export {
  type CheckTotalsRow,
  type IncidentCountRow,
  METRIC_PHASES,
  type MetricPhase,
  type MonitorMetricsRow,
  type OrganizationMetricsData,
  type PhaseWindowRow,
  type RegionMetricsRow,
  readCheckTotals,
  readOrganizationMetrics,
} from './reads/organization-metrics.js';
export type { Page } from './reads/page-cursor.js';
export { listReleases, type ReleaseFilter, type ReleaseView } from './reads/release-markers.js';
export { WINDOW_NAMES, type WindowName } from './reads/rollup-ranges.js';
export {
  PAGE_UPTIME_WINDOWS,
  type PageMonitorFigures,
  type PageUptimeWindow,
  statusPageFigures,
} from './reads/status-page-figures.js';
export {
  type PageIncident,
  type PageIncidentUpdate,
  type PageMaintenance,
  statusPageIncidents,
  statusPageMaintenance,
  statusPagePastMaintenance,
  UPCOMING_MAINTENANCE_DAYS,
  UPDATES_SHOWN_PER_INCIDENT,
} from './reads/status-page-incidents.js';
export {
  monitorsOfStatusPage,
  type PublicStatusPage,
  publicStatusPageByDomain,
  publicStatusPageBySlug,
  SCHEMA_CHANGE_DAYS,
  type StatusPageMonitorRow,
} from './reads/status-page-public.js';
export {
  type CheckCounts,
  type MonitorUptime,
  UPTIME_DAYS,
  uptimeWindows,
  type WindowUptime,
} from './reads/uptime-windows.js';
export { insertResults } from './results/insert-results.js';
export { columnList, recordset } from './results/recordset.js';
export {
  isProbed,
  type NewResult,
  type ProbedResult,
  resultRowFrom,
  skippedRowFrom,
} from './results/result-row.js';
export {
  apiKeys,
  type DirectoryRemote,
  directoryAuditDays,
  directoryEndpoints,
  directoryEntries,
  directoryEntryEndpoints,
  directoryRegistries,
  directorySummaries,
  events,
  incidents,
  incidentUpdates,
  legacySchemaSnapshots,
  maintenanceOccurrences,
  maintenanceWindows,
  memberships,
  monitorPauses,
  monitorRegionState,
  monitorReleases,
  monitorState,
  monitors,
  oauthAuthorizations,
  organizations,
  probeResults,
  ROLLUP_GRANULARITIES,
  type RollupGranularity,
  rollups,
  schemaSnapshots,
  sessions,
  statusPageGroups,
  statusPageMonitors,
  statusPages,
  users,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from './schema/index.js';
export { type StorageRetention, upkeepStorage } from './storage-upkeep.js';
export { inTransaction } from './transaction.js';
