import { AUTH_MODES, AUTH_STEPS } from '@mcpulse/core/domain';
import { describe, expect, it } from 'vitest';
import { type AuthBlock, describeAuth } from '../../src/lib/auth-words.js';

const block = (overrides: Partial<AuthBlock> = {}): AuthBlock => ({
  required: true,
  mode: 'discovery',
  resourceMetadataUrl: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
  authorizationServers: ['https://auth.example.com'],
  issuer: 'https://auth.example.com',
  scopesSupported: ['mcp'],
  failedStep: null,
  reason: null,
  ...overrides,
});

describe('auth blocks in plain words', () => {
  it('names the auth discovery mode as such', () => {
    expect(describeAuth(block())).toMatchObject({ label: 'Auth discovery', failure: null });
    expect(describeAuth(block()).explanation).toContain('holds no credentials');
  });

  it('explains every mode and every failed step', () => {
    for (const mode of AUTH_MODES) expect(describeAuth(block({ mode })).explanation).toMatch(/^[A-Z].*\.$/);
    for (const failedStep of AUTH_STEPS) {
      expect(describeAuth(block({ failedStep })).failure).toMatch(/^Failed while [a-z].*\.$/);
    }
  });

  it('tells credentials the server did not ask for', () => {
    expect(describeAuth(block({ mode: 'credentials', required: false })).explanation).toContain(
      'asked for no authorization',
    );
  });
});
