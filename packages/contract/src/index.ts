/**
 * `@mcpulse/contract`: the shapes of the API, once. The API validates, serializes and publishes
 * (/docs/json) with these schemas; the dashboard imports only the wire types derived from them.
 */
export { probeResultSchema } from '@mcpulse/core';
export { accountSchema, logInBody, signUpBody } from './account-schemas.js';
export {
  adminOrganizationSchema,
  adminOrganizationsQuery,
  adminOrganizationsSchema,
  changePlanBody,
  organizationParams,
} from './admin-schemas.js';
export { apiKeyListSchema, apiKeySchema, createApiKeyBody, createdApiKeySchema } from './api-key-schemas.js';
export { driftParams, driftSnapshotsSchema } from './drift-snapshot-schemas.js';
export { errorResponse, idParams, noContent } from './error-schemas.js';
export { liveSchema, readySchema, unavailableSchema } from './health-schemas.js';
export {
  createdMonitorSchema,
  createMonitorBody,
  listMonitorsQuery,
  monitorListSchema,
  monitorSchema,
  testConnectionBody,
  testConnectionResultSchema,
  updateMonitorBody,
} from './monitor-schemas.js';
export {
  driftQuery,
  driftSchema,
  incidentsPageSchema,
  incidentsQuery,
  latencySchema,
  overviewSchema,
  publicStatusSchema,
  resultItemSchema,
  resultsPageSchema,
  resultsQuery,
  toolsSchema,
  uptimeSchema,
} from './read-schemas.js';
export { regionHeartbeatSchema, regionsSchema } from './region-schemas.js';
export {
  createdWebhookSchema,
  createWebhookBody,
  deliveriesPageSchema,
  deliveriesQuery,
  deliveryParams,
  deliverySchema,
  deliveryWithPayloadSchema,
  queuedDeliverySchema,
  rotatedSecretSchema,
  updateWebhookBody,
  webhookListSchema,
  webhookSchema,
} from './webhook-schemas.js';
export type { AnswerOf, RequestOf, Wire } from './wire.js';
export type * from './wire-types.js';
