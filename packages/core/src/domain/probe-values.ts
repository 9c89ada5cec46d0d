/**
 * The value lists of the probe contract (docs/probe.md). Every other list of
 * these values (db columns, API schemas, the dashboard, the CLI) derives from
 * here.
 */

/**
 * Every probe error code, stable and snake_case: part of the public API
 * (stored, filtered on, sent in webhooks). Never rename one. `final`: the
 * endpoint never answered MCP (it could not be reached, refused us, or sent
 * too much), so trying the other protocol era in the same check cannot help.
 */
const PROBE_ERROR_FACTS = {
  dns_failure: { final: true },
  blocked_address: { final: true },
  connection_refused: { final: true },
  connection_reset: { final: true },
  connect_timeout: { final: true },
  tls_error: { final: true },
  timeout: { final: true },
  auth_failed: { final: true },
  http_error: { final: false },
  not_mcp: { final: false },
  invalid_response: { final: false },
  rpc_error: { final: false },
  session_error: { final: false },
  protocol_violation: { final: false },
  no_tools: { final: false },
  response_too_large: { final: true },
  tool_error: { final: false },
  expectation_failed: { final: false },
  auth_discovery_failed: { final: true },
  token_error: { final: true },
  consent_revoked: { final: true },
} as const satisfies Record<string, { final: boolean }>;

export type ProbeErrorCode = keyof typeof PROBE_ERROR_FACTS;
export const PROBE_ERROR_CODES = Object.keys(PROBE_ERROR_FACTS) as [ProbeErrorCode, ...ProbeErrorCode[]];

/** Whether the other protocol era may still answer after this failure (see PROBE_ERROR_FACTS). */
export function isFinalProbeError(code: ProbeErrorCode): boolean {
  return PROBE_ERROR_FACTS[code].final;
}

/** `tool_call`: the canary tool's call; `auth`: OAuth discovery and the token request a protected server made the check go through. */
export const PROBE_PHASES = [
  'dns',
  'connect',
  'tls',
  'handshake',
  'tools_list',
  'tool_call',
  'auth',
] as const;
export type ProbePhase = (typeof PROBE_PHASES)[number];

/** What one check found. */
export const PROBE_STATUSES = ['up', 'degraded', 'down'] as const;
export type ProbeStatus = (typeof PROBE_STATUSES)[number];

/**
 * What a stored result says of its slot: a probe status, or `skipped` when the check was not
 * probed at all (its region's worker picked it up more than an interval late). A skipped result
 * carries its reason; it is never a check: no uptime, latency or count includes it, and the state
 * machine never sees it.
 */
export const RESULT_STATUSES = [...PROBE_STATUSES, 'skipped'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/** The transports a check can end up speaking. */
export const PROBE_TRANSPORTS = ['streamable-http', 'sse'] as const;
export type ProbeTransport = (typeof PROBE_TRANSPORTS)[number];

/** What a monitor asks for: a transport, or `auto` to let the probe find the one the server speaks. */
export const MONITOR_TRANSPORTS = ['auto', ...PROBE_TRANSPORTS] as const;
export type TransportPreference = (typeof MONITOR_TRANSPORTS)[number];

/** How each transport choice is named to people (the dashboard's form, the docs). */
export const MONITOR_TRANSPORT_LABELS: Record<TransportPreference, string> = {
  auto: 'Auto (recommended)',
  'streamable-http': 'Streamable HTTP',
  sse: 'HTTP + SSE (the older transport)',
};

/** `modern`: the stateless 2026-07-28 protocol (`server/discover`); `legacy`: session-based `initialize`. */
export const PROTOCOL_ERAS = ['modern', 'legacy'] as const;
export type ProtocolEra = (typeof PROTOCOL_ERAS)[number];

export const MODERN_PROTOCOL_VERSION = '2026-07-28';
/** Newest first: the probe offers the first one. */
export const LEGACY_PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'] as const;

/**
 * How a check met a server that asks for authorization (docs/probe.md, "Authorization"):
 * `discovery` checks the server's OAuth discovery without credentials, `credentials` gets
 * a token with the monitor's OAuth client credentials, `sign_in` with a person's sign-in (the
 * refresh token of "Connect with OAuth", or the CLI's `--oauth`), `headers` sends the monitor's
 * own `Authorization` header.
 */
export const AUTH_MODES = ['discovery', 'credentials', 'headers', 'sign_in'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export const AUTH_MODE_LABELS: Record<AuthMode, string> = {
  discovery: 'Auth discovery',
  credentials: 'OAuth client credentials',
  headers: 'Authorization header',
  sign_in: 'OAuth sign-in',
};

/**
 * The step of OAuth discovery (or the token request) that failed: the protected resource
 * metadata (RFC 9728), its `resource` against the server URL, the authorization server
 * metadata (RFC 8414, OpenID discovery), the token endpoint.
 */
export const AUTH_STEPS = [
  'protected_resource_metadata',
  'resource',
  'authorization_server_metadata',
  'token',
] as const;
export type AuthStep = (typeof AUTH_STEPS)[number];

/** How a monitor's OAuth client authenticates at the token endpoint (RFC 6749, RFC 7523). */
export const OAUTH_CLIENT_AUTH_METHODS = [
  'client_secret_basic',
  'client_secret_post',
  'private_key_jwt',
] as const;
export type OAuthClientAuthMethod = (typeof OAUTH_CLIENT_AUTH_METHODS)[number];

/**
 * How the client of an OAuth sign-in came to be, in the MCP spec's order of preference: a client
 * registered beforehand (its id given by the person), mcpulse's Client ID Metadata Document, or
 * dynamic client registration (RFC 7591).
 */
export const OAUTH_CLIENT_REGISTRATIONS = [
  'pre_registered',
  'client_metadata_document',
  'dynamic_registration',
] as const;
export type OAuthClientRegistration = (typeof OAUTH_CLIENT_REGISTRATIONS)[number];

export const OAUTH_CLIENT_REGISTRATION_LABELS: Record<OAuthClientRegistration, string> = {
  pre_registered: 'pre-registered',
  client_metadata_document: 'client metadata document',
  dynamic_registration: 'dynamic registration',
};
