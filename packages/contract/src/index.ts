/**
 * `@mcpulse/contract`: the shapes of the API, once. The API validates, serializes and publishes
 * (/docs/json) with these schemas; the dashboard imports only the wire types derived from them, each
 * beside its schema (wire.ts says how).
 */
export { probeResultSchema } from '@mcpulse/core';
export * from './account-schemas.js';
export * from './admin-schemas.js';
export * from './api-key-schemas.js';
export * from './badge-schemas.js';
export * from './directory-audit-schemas.js';
export * from './directory-schemas.js';
export * from './drift-snapshot-schemas.js';
export * from './error-schemas.js';
export * from './health-schemas.js';
export * from './maintenance-schemas.js';
export * from './monitor-schemas.js';
export * from './oauth-schemas.js';
export * from './read-schemas.js';
export * from './region-schemas.js';
export * from './status-page-public-schemas.js';
export * from './status-page-schemas.js';
export * from './status-page-subscriber-schemas.js';
export * from './webhook-schemas.js';
export type * from './wire.js';
