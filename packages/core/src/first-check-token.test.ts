import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FIRST_CHECK_MAX_AGE_MS, firstCheckToken, openFirstCheckToken } from './first-check-token.js';
import type { OpenProbeSpec } from './probe-spec.js';

const key = randomBytes(32);
const spec: OpenProbeSpec = {
  url: 'https://mcp.example.com/mcp',
  transport: 'auto',
  timeoutMs: 10_000,
  degradedThresholdMs: 1_000,
  headers: { Authorization: 'Bearer s3cret' },
  canary: null,
  oauth: null,
  connection: null,
};
const check = { status: 'up' as const, checkedAt: '2026-12-05T10:00:00.000Z', errorCode: null, totalMs: 87 };
const soon = new Date('2026-12-05T10:01:00.000Z');

describe('first-check tokens', () => {
  it('vouch for the check they were issued for, with the same settings, while fresh', () => {
    const token = firstCheckToken(key, spec, check);
    expect(openFirstCheckToken(key, spec, token, soon)).toEqual(check);
    // Header names are case-insensitive.
    const renamed = { ...spec, headers: { authorization: 'Bearer s3cret' } };
    expect(openFirstCheckToken(key, renamed, token, soon)).toEqual(check);
  });

  it('carry whether the check validated the canary, only for the canary it validated', () => {
    const canary = {
      tool: 'echo',
      arguments: { message: 'hi' },
      expect: null,
      timeoutMs: null,
      confirmedNoSideEffects: false,
    };
    const withCanary = { ...spec, canary };
    const token = firstCheckToken(key, withCanary, { ...check, canaryValidated: true });
    expect(openFirstCheckToken(key, withCanary, token, soon)?.canaryValidated).toBe(true);
    expect(
      openFirstCheckToken(key, withCanary, firstCheckToken(key, withCanary, check), soon)?.canaryValidated,
    ).toBeUndefined();
    const otherArguments = { ...withCanary, canary: { ...canary, arguments: { message: 'other' } } };
    expect(openFirstCheckToken(key, otherArguments, token, soon)).toBeNull();
  });

  it('name no setting and no secret', () => {
    const token = firstCheckToken(key, spec, check);
    const decoded = Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8');
    expect(decoded).not.toContain('s3cret');
    expect(decoded).not.toContain('example.com');
  });

  it('count for nothing once the settings changed or the check is old', () => {
    const token = firstCheckToken(key, spec, check);
    expect(openFirstCheckToken(key, { ...spec, url: 'https://other.example/mcp' }, token, soon)).toBeNull();
    expect(openFirstCheckToken(key, { ...spec, headers: {} }, token, soon)).toBeNull();
    expect(openFirstCheckToken(key, { ...spec, timeoutMs: 5_000 }, token, soon)).toBeNull();
    const canary = {
      tool: 'echo',
      arguments: {},
      expect: null,
      timeoutMs: null,
      confirmedNoSideEffects: false,
    };
    expect(openFirstCheckToken(key, { ...spec, canary }, token, soon)).toBeNull();
    const late = new Date(Date.parse(check.checkedAt) + FIRST_CHECK_MAX_AGE_MS + 1);
    expect(openFirstCheckToken(key, spec, token, late)).toBeNull();
  });

  it('refuse a token this deployment did not sign, or one altered', () => {
    const token = firstCheckToken(key, spec, check);
    expect(() => openFirstCheckToken(randomBytes(32), spec, token, soon)).toThrow(/not a token/);
    const [payload, signature] = token.split('.');
    const altered = Buffer.from(
      Buffer.from(payload!, 'base64url').toString('utf8').replace('"up"', '"down"'),
    ).toString('base64url');
    expect(() => openFirstCheckToken(key, spec, `${altered}.${signature}`, soon)).toThrow(/not a token/);
    expect(() => openFirstCheckToken(key, spec, 'garbage', soon)).toThrow(/not a token/);
  });
});
