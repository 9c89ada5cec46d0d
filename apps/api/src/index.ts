export { buildApp } from './app.js';
export type { AppOptions, AppState } from './app-options.js';
export { type ApiEnv, apiEnvSchema, loadApiEnv } from './config.js';
