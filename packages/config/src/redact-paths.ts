export const CENSOR = '[redacted]';

/**
 * Log paths whose values are replaced by `[redacted]`. pino matches a leading `*` at one level only,
 * so each key appears both at the top level and one level down.
 */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.Authorization',
  'headers.cookie',
  'headers.Cookie',
  'headers["x-api-key"]',
  'headers["set-cookie"]',
  '*.headers.authorization',
  '*.headers.Authorization',
  '*.headers.cookie',
  '*.headers.Cookie',
  '*.headers["x-api-key"]',
  '*.headers["set-cookie"]',
  'authorization',
  '*.authorization',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'apiKey',
  '*.apiKey',
  'token',
  '*.token',
  'webhookSecret',
  '*.webhookSecret',
  // Tool-call arguments are user data sent to a monitored server and may hold anything.
  'arguments',
  '*.arguments',
  'params.arguments',
  '*.params.arguments',
  // A monitor's tool-call canary, inside a probe job or a monitor (`canary.arguments` is `*.arguments`).
  '*.canary.arguments',
  // Headers configured on a monitor are how users authenticate to their servers.
  'requestHeaders',
  '*.requestHeaders',
  'monitorHeaders',
  '*.monitorHeaders',
];
