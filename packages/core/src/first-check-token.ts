import { createHmac, timingSafeEqual } from 'node:crypto';
import canonicalize from 'canonicalize';
import { PROBE_STATUSES, type ProbeStatus } from './domain/probe-values.js';
import { ValidationFailed } from './domain-errors.js';
import type { OpenProbeSpec } from './probe-spec.js';

/** What a check run before saving says, as the state machine counts it (see regionStateAfterFirstCheck). */
export interface FirstCheck {
  status: ProbeStatus;
  checkedAt: string;
  errorCode: string | null;
  totalMs: number;
  /**
   * The check found the monitor's canary tool in the server's listing and its
   * arguments valid against the tool's inputSchema: saving the same settings
   * needs no second look at the server.
   */
  canaryValidated?: boolean;
}

/** A check counts only while it is fresh: a person tests, then saves. */
export const FIRST_CHECK_MAX_AGE_MS = 10 * 60_000;

function tokenKey(secretKey: Buffer): Buffer {
  return createHmac('sha256', secretKey).update('mcpulse first-check token').digest();
}

/** A keyed digest of the settings checked, headers included: the token names no setting, and no secret. */
function settingsDigest(key: Buffer, spec: OpenProbeSpec): string {
  const headers = Object.fromEntries(
    Object.entries(spec.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const settings = canonicalize({
    url: spec.url,
    transport: spec.transport,
    timeoutMs: spec.timeoutMs,
    degradedThresholdMs: spec.degradedThresholdMs,
    headers,
    canary: spec.canary,
    ...(spec.oauth ? { oauth: spec.oauth.credentials } : {}),
    // The connection, not its refresh token: that one may rotate between the test and the save.
    ...(spec.connection ? { connection: spec.connection.value.connectionId } : {}),
  });
  return createHmac('sha256', key).update(`settings\u0000${settings}`).digest('base64url');
}

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(`token\u0000${payload}`).digest('base64url');
}

/**
 * A token for the result of "test connection": creating a monitor with the
 * same settings soon after may hand it back, and the check then counts as the
 * monitor's first, so a server just seen up is confirmed by the first
 * scheduled check that agrees.
 */
export function firstCheckToken(secretKey: Buffer, spec: OpenProbeSpec, check: FirstCheck): string {
  const key = tokenKey(secretKey);
  const payload = Buffer.from(
    JSON.stringify({
      s: check.status,
      t: check.checkedAt,
      e: check.errorCode,
      m: check.totalMs,
      v: check.canaryValidated === true,
      d: settingsDigest(key, spec),
    }),
  ).toString('base64url');
  return `${payload}.${sign(key, payload)}`;
}

function forged(): ValidationFailed {
  return new ValidationFailed('firstCheckToken', 'firstCheckToken: not a token this deployment issued');
}

/**
 * The check a token vouches for, when it was issued for exactly these settings
 * and is still fresh; null when it was not (the settings changed since the
 * test, or it is old), since such a check says nothing about the monitor
 * being saved. A token this deployment did not sign is the client's error.
 */
export function openFirstCheckToken(
  secretKey: Buffer,
  spec: OpenProbeSpec,
  token: string,
  now: Date,
): FirstCheck | null {
  const key = tokenKey(secretKey);
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) throw forged();
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw forged();
  const fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const status = PROBE_STATUSES.find((value) => value === fields.s);
  const checkedAt = typeof fields.t === 'string' ? Date.parse(fields.t) : Number.NaN;
  if (!status || Number.isNaN(checkedAt) || typeof fields.m !== 'number') throw forged();
  if (fields.d !== settingsDigest(key, spec)) return null;
  const age = now.getTime() - checkedAt;
  if (age < 0 || age > FIRST_CHECK_MAX_AGE_MS) return null;
  return {
    status,
    checkedAt: new Date(checkedAt).toISOString(),
    errorCode: typeof fields.e === 'string' ? fields.e : null,
    totalMs: fields.m,
    ...(fields.v === true ? { canaryValidated: true } : {}),
  };
}
