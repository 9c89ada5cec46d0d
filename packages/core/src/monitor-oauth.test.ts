import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MASKED_HEADER_VALUE } from './domain/monitor-values.js';
import { ValidationFailed } from './domain-errors.js';
import {
  oauthCredentialsVersion,
  resolveOAuthCredentials,
  sealMonitorOAuth,
  unsealMonitorOAuth,
} from './monitor-oauth.js';
import { openProbeSpec, probeSpecOf } from './probe-spec.js';

const KEY = randomBytes(32);
const SECRET = 'client-secret-value-1234';
const credentials = {
  clientId: 'monitor',
  authMethod: 'client_secret_basic' as const,
  clientSecret: SECRET,
  scope: 'mcp',
};

function fieldOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof ValidationFailed ? error.field : 'other';
  }
}

describe('monitor OAuth credentials', () => {
  it('are sealed at rest, bound to their monitor, with only a summary in clear', () => {
    const { oauthSealed, oauthClient } = sealMonitorOAuth(KEY, 'monitor-a', credentials);
    expect(oauthSealed).not.toContain(SECRET);
    expect(oauthClient).toEqual({
      clientId: 'monitor',
      authMethod: 'client_secret_basic',
      scope: 'mcp',
      issuer: null,
    });
    expect(unsealMonitorOAuth(KEY, 'monitor-a', oauthSealed)).toEqual(credentials);
    expect(() => unsealMonitorOAuth(KEY, 'monitor-b', oauthSealed)).toThrow();
    expect(sealMonitorOAuth(KEY, 'monitor-a', null)).toEqual({ oauthSealed: null, oauthClient: null });
  });

  it('reach the probe opened, under a version that changes with every sealing', () => {
    const first = sealMonitorOAuth(KEY, 'm', credentials).oauthSealed;
    const second = sealMonitorOAuth(KEY, 'm', credentials).oauthSealed;
    expect(oauthCredentialsVersion(first!)).not.toBe(oauthCredentialsVersion(second!));
    const spec = probeSpecOf({
      url: 'https://mcp.example.com/mcp',
      transport: 'auto',
      timeoutMs: 10_000,
      degradedThresholdMs: 1_000,
      canary: null,
      headersSealed: null,
      oauthSealed: first,
      oauthConnectionSealed: null,
    });
    expect(JSON.stringify(spec)).not.toContain(SECRET);
    expect(openProbeSpec(spec, 'm', KEY).oauth).toEqual({
      credentials,
      version: oauthCredentialsVersion(first!),
    });
  });

  it('keep a saved secret behind the mask, and name the field a method is missing', () => {
    expect(
      resolveOAuthCredentials({ ...credentials, clientSecret: MASKED_HEADER_VALUE }, credentials),
    ).toEqual(credentials);
    expect(
      fieldOf(() => resolveOAuthCredentials({ ...credentials, clientSecret: MASKED_HEADER_VALUE }, null)),
    ).toBe('oauth.clientSecret');
    expect(
      fieldOf(() => resolveOAuthCredentials({ clientId: 'x', authMethod: 'client_secret_post' }, null)),
    ).toBe('oauth.clientSecret');
    expect(
      fieldOf(() =>
        resolveOAuthCredentials({ clientId: 'x', authMethod: 'private_key_jwt', privateKey: 'nope' }, null),
      ),
    ).toBe('oauth.privateKey');
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(
      fieldOf(() =>
        resolveOAuthCredentials({ clientId: 'x', authMethod: 'private_key_jwt', privateKey: ed }, null),
      ),
    ).toBe('oauth.privateKey');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(
      resolveOAuthCredentials({ clientId: 'x', authMethod: 'private_key_jwt', privateKey: rsa }, null),
    ).toEqual({
      clientId: 'x',
      authMethod: 'private_key_jwt',
      privateKey: rsa,
    });
  });
});
