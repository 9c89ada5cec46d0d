/**
 * The API's JSON as a client reads and sends it, derived from the schemas the routes validate and
 * serialize with: the dashboard imports these (type-only), so its view of the API cannot drift.
 */
import type { probeResultSchema, publishedToolSchema, schemaDiffSchema } from '@mcpulse/core';
import type { accountSchema, logInBody, signUpBody } from './account-schemas.js';
import type {
  apiKeyListSchema,
  apiKeySchema,
  createApiKeyBody,
  createdApiKeySchema,
} from './api-key-schemas.js';
import type { driftSnapshotsSchema } from './drift-snapshot-schemas.js';
import type { errorResponse } from './error-schemas.js';
import type {
  createdMonitorSchema,
  createMonitorBody,
  listMonitorsQuery,
  monitorListSchema,
  monitorSchema,
  testConnectionBody,
  testConnectionResultSchema,
  updateMonitorBody,
} from './monitor-schemas.js';
import type {
  driftQuery,
  driftSchema,
  incidentsPageSchema,
  incidentsQuery,
  latencySchema,
  overviewSchema,
  publicStatusSchema,
  resultsPageSchema,
  resultsQuery,
  toolsSchema,
  uptimeSchema,
} from './read-schemas.js';
import type { regionHeartbeatSchema, regionsSchema } from './region-schemas.js';
import type {
  createdWebhookSchema,
  createWebhookBody,
  deliveriesPageSchema,
  deliveriesQuery,
  deliverySchema,
  deliveryWithPayloadSchema,
  queuedDeliverySchema,
  rotatedSecretSchema,
  updateWebhookBody,
  webhookListSchema,
  webhookSchema,
} from './webhook-schemas.js';
import type { AnswerOf, RequestOf } from './wire.js';

export type ApiErrorBody = AnswerOf<typeof errorResponse>;

export type Account = AnswerOf<typeof accountSchema>;
export type SignUpBody = RequestOf<typeof signUpBody>;
export type LogInBody = RequestOf<typeof logInBody>;

export type ApiKey = AnswerOf<typeof apiKeySchema>;
export type ApiKeyList = AnswerOf<typeof apiKeyListSchema>;
export type CreateApiKeyBody = RequestOf<typeof createApiKeyBody>;
export type CreatedApiKey = AnswerOf<typeof createdApiKeySchema>;

export type Monitor = AnswerOf<typeof monitorSchema>;
export type MonitorList = AnswerOf<typeof monitorListSchema>;
export type ListMonitorsQuery = RequestOf<typeof listMonitorsQuery>;
export type CreateMonitorBody = RequestOf<typeof createMonitorBody>;
export type CreatedMonitor = AnswerOf<typeof createdMonitorSchema>;
export type UpdateMonitorBody = RequestOf<typeof updateMonitorBody>;
export type TestConnectionBody = RequestOf<typeof testConnectionBody>;
/** A probe run now ("check now"). */
export type ProbeResult = AnswerOf<typeof probeResultSchema>;
/** The answer of "test connection": the result, and a token that lets creating the monitor count it. */
export type TestConnectionResult = AnswerOf<typeof testConnectionResultSchema>;

export type RegionList = AnswerOf<typeof regionsSchema>;
export type RegionHeartbeat = AnswerOf<typeof regionHeartbeatSchema>;

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
export type SchemaDiff = AnswerOf<typeof schemaDiffSchema>;
export type DriftSnapshots = AnswerOf<typeof driftSnapshotsSchema>;

export type Tool = AnswerOf<typeof publishedToolSchema>;
export type MonitorTools = AnswerOf<typeof toolsSchema>;
export type ToolsSnapshot = NonNullable<MonitorTools['snapshot']>;

export type Overview = AnswerOf<typeof overviewSchema>;
export type MonitorOverview = Overview['monitors'][number];
export type SparklinePoint = MonitorOverview['sparkline'][number];

export type PublicStatus = AnswerOf<typeof publicStatusSchema>;

export type WebhookEndpoint = AnswerOf<typeof webhookSchema>;
export type WebhookList = AnswerOf<typeof webhookListSchema>;
export type CreateWebhookBody = RequestOf<typeof createWebhookBody>;
export type UpdateWebhookBody = RequestOf<typeof updateWebhookBody>;
export type CreatedWebhook = AnswerOf<typeof createdWebhookSchema>;
export type RotatedSecret = AnswerOf<typeof rotatedSecretSchema>;
export type DeliveriesQuery = RequestOf<typeof deliveriesQuery>;
export type DeliveriesPage = AnswerOf<typeof deliveriesPageSchema>;
export type WebhookDelivery = AnswerOf<typeof deliverySchema>;
export type WebhookAttempt = WebhookDelivery['attemptLog'][number];
/** One delivery with the JSON body it posts. */
export type WebhookDeliveryWithPayload = AnswerOf<typeof deliveryWithPayloadSchema>;
/** The delivery a test event or a redelivery queued. */
export type QueuedDelivery = AnswerOf<typeof queuedDeliverySchema>;
