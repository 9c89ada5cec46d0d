import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { firstCheckToken, openFirstCheckToken } from './first-check-token.js';
import {
  type OAuthConnection,
  rotatedConnection,
  sealedRotation,
  sealMonitorConnection,
  unsealMonitorConnection,
} from './monitor-oauth-connection.js';
import { openProbeSpec, probeSpecOf, unsavedProbeSpec } from './probe-spec.js';

const KEY = randomBytes(32);
const REFRESH = 'rt-refresh-token-value-0042';
const SECRET = 'connection-client-secret-77';
const connection: OAuthConnection = {
  connectionId: 'c1',
  generation: 0,
  issuer: 'https://auth.example.com',
  resource: 'https://mcp.example.com/mcp',
  scope: 'mcp offline_access',
  client: { clientId: 'registered-1', method: 'client_secret_basic', clientSecret: SECRET },
  registration: 'dynamic_registration',
  refreshToken: REFRESH,
  connectedAt: '2026-11-23T12:00:00.000Z',
};
const settings = {
  url: 'https://mcp.example.com/mcp',
  transport: 'auto' as const,
  timeoutMs: 10_000,
  degradedThresholdMs: 1_000,
  canary: null,
};

describe('a monitor OAuth connection', () => {
  it('is sealed to its monitor, with a summary in clear that holds neither token nor secret', () => {
    const sealed = sealMonitorConnection(KEY, 'monitor-a', connection);
    expect(sealed.oauthConnectionSealed).not.toContain(REFRESH);
    expect(sealed.oauthConnection).toEqual({
      connectionId: 'c1',
      generation: 0,
      issuer: 'https://auth.example.com',
      clientId: 'registered-1',
      registration: 'dynamic_registration',
      scope: 'mcp offline_access',
      connectedAt: '2026-11-23T12:00:00.000Z',
    });
    expect(JSON.stringify(sealed.oauthConnection)).not.toMatch(new RegExp(`${REFRESH}|${SECRET}`));
    expect(unsealMonitorConnection(KEY, 'monitor-a', sealed.oauthConnectionSealed)).toEqual(connection);
    expect(() => unsealMonitorConnection(KEY, 'monitor-b', sealed.oauthConnectionSealed)).toThrow();
    expect(sealMonitorConnection(KEY, 'monitor-a', null)).toEqual({
      oauthConnectionSealed: null,
      oauthConnection: null,
    });
  });

  it('counts rotations, and a rotation travels sealed to its monitor', () => {
    const rotated = rotatedConnection(connection, 'rt-next');
    expect(rotated).toEqual({ ...connection, refreshToken: 'rt-next', generation: 1 });
    const rotation = sealedRotation(KEY, 'monitor-a', rotated);
    expect(rotation.connection.generation).toBe(1);
    expect(rotation.sealed).not.toContain('rt-next');
    expect(unsealMonitorConnection(KEY, 'monitor-a', rotation.sealed)).toEqual(rotated);
  });

  it('reaches the probe opened from the job, and stays out of jobs in clear', () => {
    const sealed = sealMonitorConnection(KEY, 'm', connection).oauthConnectionSealed;
    const spec = probeSpecOf({
      ...settings,
      headersSealed: null,
      oauthSealed: null,
      oauthConnectionSealed: sealed,
    });
    expect(JSON.stringify(spec)).not.toContain(REFRESH);
    expect(openProbeSpec(spec, 'm', KEY).connection).toEqual({ value: connection });
    expect(openProbeSpec({ ...spec, oauthConnectionSealed: null }, 'm', KEY).connection).toBeNull();
  });

  it('is part of the settings a first-check token vouches for, by its id, not its rotating token', () => {
    const with0 = unsavedProbeSpec(settings, {}, null, connection);
    const token = firstCheckToken(KEY, with0, {
      status: 'up',
      checkedAt: new Date().toISOString(),
      errorCode: null,
      totalMs: 12,
    });
    const rotated = unsavedProbeSpec(settings, {}, null, rotatedConnection(connection, 'rt-2'));
    expect(openFirstCheckToken(KEY, rotated, token, new Date())).not.toBeNull();
    expect(openFirstCheckToken(KEY, unsavedProbeSpec(settings, {}), token, new Date())).toBeNull();
    const other = unsavedProbeSpec(settings, {}, null, { ...connection, connectionId: 'c2' });
    expect(openFirstCheckToken(KEY, other, token, new Date())).toBeNull();
  });
});
