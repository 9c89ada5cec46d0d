/**
 * The probe result: the contract of docs/probe.md, consumed by storage,
 * the state machine, webhooks, the dashboard and the CLI.
 */

import type {
  AuthMode,
  AuthStep,
  ProbeErrorCode,
  ProbePhase,
  ProbeStatus,
  ProbeTransport,
  ProtocolEra,
} from './domain/probe-values.js';

export interface ProbeError {
  code: ProbeErrorCode;
  message: string;
  phase: ProbePhase;
  httpStatus?: number;
  rpcCode?: number;
}

/**
 * Where a check's time went (docs/probe.md, "Timings"): `totalMs` is the sum
 * of the phases that are not null plus `otherMs`, exactly, in hundredths of a
 * millisecond. A phase is null when the check never entered it.
 */
export interface ProbeTimings {
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  /** Era attempts whose answer is not the one reported, such as a modern request a 2025-era server refused. */
  negotiationMs: number | null;
  handshakeMs: number | null;
  toolsListMs: number | null;
  /**
   * The remainder: the probe's own work outside every phase. The probe always
   * measures it; null in results stored before migration 0009 or sent by a
   * probe worker one release older.
   */
  otherMs: number | null;
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

/**
 * What a check learnt of a server's authorization (docs/probe.md, "Authorization"): present
 * when the server asked for it (`required`) or the monitor holds OAuth credentials. The URLs
 * and scopes are the server's and its metadata's, bounded by the storable boundary.
 */
export interface ProbeAuthReport {
  /** The MCP endpoint answered 401 (or the token sent was one it had asked for). */
  required: boolean;
  mode: AuthMode;
  /** Where the protected resource metadata was found, or the last place it was looked for. */
  resourceMetadataUrl: string | null;
  /** The metadata's `resource`. */
  resource: string | null;
  authorizationServers: string[];
  /** The issuer of the authorization server metadata used, and its token endpoint. */
  issuer: string | null;
  tokenEndpoint: string | null;
  scopesSupported: string[];
  /** The step that failed, and why; both null when discovery (and the token request) succeeded. */
  failedStep: AuthStep | null;
  reason: string | null;
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
  /** null when the server asked for no authorization and the monitor holds no OAuth credentials. */
  auth: ProbeAuthReport | null;
  checkedAt: string;
}
