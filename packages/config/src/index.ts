export { ConfigError, type ConfigIssue, formatConfigError } from './config-error.js';
export {
  directoryFields,
  directorySettings,
  hostList,
  intBetween,
  registryUrls,
} from './directory-fields.js';
export { loadEnv } from './env.js';
export {
  bool,
  csv,
  logLevel,
  nonNegativeInt,
  port,
  positiveInt,
  recheckDelaySeconds,
  secretKey,
  trustProxy,
  url,
} from './env-fields.js';
export { createLogger, type Logger, type LoggerOptions } from './logger.js';
export { REDACT_PATHS } from './redact-paths.js';
