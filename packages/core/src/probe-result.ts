/**
 * The probe result: the contract of ../shared/docs/PROBE.md, consumed by storage,
 * the state machine, webhooks, the dashboard and the CLI.
 */

export const PROBE_ERROR_CODES = [
  'dns_failure',
  'blocked_address',
  'connection_refused',
  'connection_reset',
  'connect_timeout',
  'tls_error',
  'timeout',
  'auth_failed',
  'http_error',
  'not_mcp',
  'invalid_response',
  'rpc_error',
  'session_error',
  'protocol_violation',
  'no_tools',
  'response_too_large',
] as const;

export type ProbeErrorCode = (typeof PROBE_ERROR_CODES)[number];

export const PROBE_PHASES = ['dns', 'connect', 'tls', 'handshake', 'tools_list'] as const;
export type ProbePhase = (typeof PROBE_PHASES)[number];

export type ProbeStatus = 'up' | 'degraded' | 'down';
export type ProbeTransport = 'streamable-http' | 'sse';
export type TransportPreference = 'auto' | ProbeTransport;
export type ProtocolEra = 'modern' | 'legacy';

export const MODERN_PROTOCOL_VERSION = '2026-07-28';
export const LEGACY_PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'] as const;

export interface ProbeError {
  code: ProbeErrorCode;
  message: string;
  phase: ProbePhase;
  httpStatus?: number;
  rpcCode?: number;
}

export interface ProbeTimings {
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  handshakeMs: number | null;
  toolsListMs: number | null;
  totalMs: number;
}

export interface ServerInfo {
  name: string;
  version: string;
  [key: string]: unknown;
}

/**
 * A tool as the server listed it (after the storable boundary), in the shape
 * of the MCP `Tool`; only `name` and `inputSchema` are guaranteed.
 */
export interface Tool {
  name: string;
  title?: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  description?: string;
  annotations?: Record<string, unknown>;
  icons?: Record<string, unknown>[];
  _meta?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ProbeResult {
  url: string;
  status: ProbeStatus;
  error: ProbeError | null;
  httpAlive: boolean;
  transport: ProbeTransport | null;
  era: ProtocolEra | null;
  protocolVersion: string | null;
  serverInfo: ServerInfo | null;
  capabilities: Record<string, unknown> | null;
  toolCount: number | null;
  schemaHash: string | null;
  timings: ProbeTimings;
  checkedAt: string;
}

export const MONITOR_TRANSPORT_VALUES = ['auto', 'streamable-http', 'sse'] as const;
