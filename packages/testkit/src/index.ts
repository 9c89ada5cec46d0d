export { startDnsServer, type TestDnsServer } from './dns-server.js';
export { type EverythingMode, startEverything } from './everything-server.js';
export {
  CANARY_TOOLS,
  DEFAULT_TOOLS,
  type FixtureOptions,
  type FixtureServer,
  type FixtureTool,
  type FixtureToolAnnotations,
  type FixtureToolBehaviour,
  type FixtureToolResult,
  type RecordedRequest,
  statusResult,
} from './fixture-server.js';
export {
  listenOnLoopback,
  type RawServer,
  type RequestHandler,
  startRawServer,
  trackSockets,
} from './http-server.js';
export { toWebRequest, writeWebResponse } from './node-fetch-adapter.js';
export type { AuthorizationRecord, CodeGrantOptions, RefreshRecord } from './oauth-code-grant.js';
export {
  startTestOAuthServer,
  type TestOAuthClient,
  type TestOAuthServer,
  type TestOAuthServerOptions,
  type TokenGrant,
} from './oauth-server.js';
export { signInForRefreshToken, type TestSignIn } from './oauth-sign-in.js';
export { startPlaywrightMcp } from './playwright-mcp-server.js';
export { type MetricFamily, parsePrometheus, sampleValue } from './prometheus.js';
export {
  type ProtectedMcpOptions,
  type ProtectedMcpServer,
  startProtectedMcp,
} from './protected-mcp-server.js';
export { type ConfigRow, readmeConfigTable } from './readme-config.js';
export {
  type CheckRecord,
  type RecordingMcpServer,
  startRecordingMcpServer,
} from './recording-mcp-server.js';
export { type RedisInstance, startRedisInstance } from './redis-instance.js';
export {
  type CatalogEntry,
  type CatalogOptions,
  type CatalogTarget,
  catalogItems,
  type ExpectedEndpoint,
  OPTED_OUT_HOST,
  registryCatalog,
} from './registry-catalog.js';
export {
  itemName,
  OFFICIAL_META,
  type RegistryFault,
  type RegistryFixture,
  type RegistryFixtureOptions,
  type RegistryItem,
  type RegistryStatus,
  serverResponse,
  startRegistryFixture,
} from './registry-fixture.js';
export { type RegistryTargets, startRegistryTargets } from './registry-targets.js';
export { startSdk2024Sse } from './sdk-2024-sse-server.js';
export { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
export { startV1LegacySse } from './v1-legacy-sse-server.js';
export { startV1Sessionful } from './v1-sessionful-server.js';
export { startV1Stateless, type V1StatelessOptions } from './v1-stateless-server.js';
export { startV2DualEra } from './v2-dual-era-server.js';
export { startV2ModernOnly } from './v2-modern-only-server.js';
export { type SignedRequest, verifyWebhook } from './verify-webhook.js';
export {
  type ReceivedWebhook,
  startWebhookReceiver,
  type WebhookAnswer,
  type WebhookReceiver,
  type WebhookReceiverOptions,
} from './webhook-receiver.js';
