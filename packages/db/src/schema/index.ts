export {
  API_KEY_SCOPES,
  type ApiKeyScope,
  apiKeys,
  MEMBER_ROLES,
  memberships,
  organizations,
  PLANS,
  type Plan,
  sessions,
  users,
} from './accounts.js';
export { MONITOR_TRANSPORTS, monitorPauses, monitors } from './monitors.js';
export {
  legacySchemaSnapshots,
  probeResults,
  ROLLUP_GRANULARITIES,
  type RollupGranularity,
  rollups,
  schemaSnapshots,
} from './results.js';
export {
  EVENT_TYPES,
  type EventType,
  events,
  INCIDENT_KINDS,
  incidents,
  MONITOR_STATUSES,
  monitorRegionState,
  monitorState,
} from './state.js';
export {
  DELIVERY_STATUSES,
  WEBHOOK_FORMATS,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from './webhooks.js';
