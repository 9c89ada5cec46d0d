import { z } from 'zod';
import { MONITOR_TRANSPORTS, type TransportPreference } from './domain/probe-values.js';
import { unsealMonitorHeaders } from './monitor-headers.js';
import { type OAuthClientCredentials, oauthCredentialsVersion, unsealMonitorOAuth } from './monitor-oauth.js';
import { type OAuthConnection, unsealMonitorConnection } from './monitor-oauth-connection.js';
import { type ToolCanary, toolCanarySpecSchema } from './tool-canary.js';

/**
 * What one check of a monitor must do. The scheduler puts it in every probe
 * job, "check now" and "test connection" run it at once, and the prober runs
 * it from the job: each builds it with the functions below, so a new setting
 * of the check is added here once. The monitor's headers stay sealed to the
 * monitor until the process that probes opens them.
 */
export const probeSpecSchema = z.object({
  url: z.url(),
  transport: z.enum(MONITOR_TRANSPORTS),
  timeoutMs: z.number().int().positive(),
  degradedThresholdMs: z.number().int().positive(),
  headersSealed: z.string().nullable(),
  // A job from a scheduler one release older has no canary: the check lists tools only.
  canary: toolCanarySpecSchema.nullable().default(null),
  // Jobs enqueued by a scheduler one release older carry no OAuth credentials.
  oauthSealed: z.string().nullable().default(null),
  // The refresh token of "Connect with OAuth", sealed to the monitor; none in older jobs.
  oauthConnectionSealed: z.string().nullable().default(null),
});
export type ProbeSpec = z.infer<typeof probeSpecSchema>;

/** A spec whose headers are open, ready for the probe. */
export interface OpenProbeSpec {
  url: string;
  transport: TransportPreference;
  timeoutMs: number;
  degradedThresholdMs: number;
  headers: Record<string, string>;
  canary: ToolCanary | null;
  /** The monitor's OAuth client, and the version its cached tokens are kept under (null when unsaved). */
  oauth: { credentials: OAuthClientCredentials; version: string | null } | null;
  /**
   * The monitor's OAuth connection, kept current: when a check's authorization server rotates
   * the refresh token, `value` becomes the rotated connection (shared by copies of the spec), for
   * whoever saves it.
   */
  connection: { value: OAuthConnection } | null;
}

/** The settings of a monitor (a row, or one not saved yet) that shape its check. */
export interface CheckSettings {
  url: string;
  transport: TransportPreference;
  timeoutMs: number;
  degradedThresholdMs: number;
  /** The tool called on every check after tools/list, or null (docs/probe.md, "Tool-call canary"). */
  canary: ToolCanary | null;
}

function checkSettings(source: CheckSettings): CheckSettings {
  return {
    url: source.url,
    transport: source.transport,
    timeoutMs: source.timeoutMs,
    degradedThresholdMs: source.degradedThresholdMs,
    canary: source.canary,
  };
}

/** The spec of a saved monitor, from its row. */
export function probeSpecOf(
  monitor: CheckSettings & {
    headersSealed: string | null;
    oauthSealed: string | null;
    oauthConnectionSealed: string | null;
  },
): ProbeSpec {
  return {
    ...checkSettings(monitor),
    headersSealed: monitor.headersSealed,
    oauthSealed: monitor.oauthSealed,
    oauthConnectionSealed: monitor.oauthConnectionSealed,
  };
}

/** Opens a saved monitor's spec for the probe; only a process holding the sealing key can. */
export function openProbeSpec(spec: ProbeSpec, monitorId: string, secretKey: Buffer): OpenProbeSpec {
  const credentials = unsealMonitorOAuth(secretKey, monitorId, spec.oauthSealed);
  const connection = unsealMonitorConnection(secretKey, monitorId, spec.oauthConnectionSealed);
  return {
    ...checkSettings(spec),
    headers: unsealMonitorHeaders(secretKey, monitorId, spec.headersSealed),
    oauth:
      credentials === null || spec.oauthSealed === null
        ? null
        : { credentials, version: oauthCredentialsVersion(spec.oauthSealed) },
    connection: connection === null ? null : { value: connection },
  };
}

/** The spec of settings not saved yet ("test connection", a first check before creating). */
export function unsavedProbeSpec(
  settings: CheckSettings,
  headers: Record<string, string>,
  oauth: OAuthClientCredentials | null = null,
  connection: OAuthConnection | null = null,
): OpenProbeSpec {
  return {
    ...checkSettings(settings),
    headers,
    oauth: oauth === null ? null : { credentials: oauth, version: null },
    connection: connection === null ? null : { value: connection },
  };
}
