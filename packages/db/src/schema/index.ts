export {
  apiKeys,
  memberships,
  organizations,
  sessions,
  users,
} from './accounts.js';
export {
  type DirectoryRemote,
  directoryAuditDays,
  directoryEndpoints,
  directoryEntries,
  directoryEntryEndpoints,
  directoryRegistries,
} from './directory.js';
export { type DirectorySummaryServer, directorySummaries } from './directory-summaries.js';
export { maintenanceOccurrences, maintenanceWindows } from './maintenance.js';
export { monitorPauses, monitors } from './monitors.js';
export { oauthAuthorizations } from './oauth-authorizations.js';
export {
  legacySchemaSnapshots,
  probeResults,
  ROLLUP_GRANULARITIES,
  type RollupGranularity,
  rollups,
  schemaSnapshots,
} from './results.js';
export {
  events,
  incidents,
  monitorRegionState,
  monitorReleases,
  monitorState,
} from './state.js';
export {
  incidentUpdates,
  statusPageGroups,
  statusPageMonitors,
  statusPages,
} from './status-pages.js';
export {
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from './webhooks.js';
