import type { Monitor } from '@mcpulse/contract';
import { describe, expect, it } from 'vitest';
import {
  connectBody,
  formOf,
  MASKED_VALUE,
  monitorBody,
  NEW_MONITOR,
  testBody,
} from '../../src/lib/monitor-form.js';

const filled = {
  ...NEW_MONITOR,
  name: ' Docs ',
  url: ' https://docs.example.com/mcp ',
  regions: ['eu-west'],
};

describe('the monitor form', () => {
  it('turns what was typed into the API body', () => {
    const { body, errors } = monitorBody({
      ...filled,
      authentication: 'headers',
      headers: [
        { name: 'Authorization', value: 'Bearer t' },
        { name: '', value: '' },
      ],
      intervalSeconds: '30',
      confirmations: '1',
    });
    expect(errors).toEqual({});
    expect(body).toEqual({
      name: 'Docs',
      url: 'https://docs.example.com/mcp',
      transport: 'auto',
      headers: { Authorization: 'Bearer t' },
      oauth: null,
      regions: ['eu-west'],
      intervalSeconds: 30,
      timeoutMs: 10_000,
      degradedThresholdMs: 1000,
      confirmations: 1,
      regionQuorum: null,
      isPublic: false,
      canary: null,
    });
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ url: 'docs.example.com' }, 'url'],
    [{ url: 'ftp://docs.example.com' }, 'url'],
    [{ url: 'https://user:pw@docs.example.com' }, 'url'],
    [{ intervalSeconds: '10' }, 'intervalSeconds'],
    [{ intervalSeconds: '1.5' }, 'intervalSeconds'],
    [{ timeoutMs: '500' }, 'timeoutMs'],
    [{ degradedThresholdMs: '10000' }, 'degradedThresholdMs'],
    [{ confirmations: '0' }, 'confirmations'],
    [{ regionQuorum: '2' }, 'regionQuorum'],
    [
      { authentication: 'headers' as const, headers: [{ name: 'Bad Header', value: 'x' }] },
      'headers.Bad Header',
    ],
  ])('names the field of a mistake: %o', (patch, field) => {
    expect(Object.keys(monitorBody({ ...filled, ...patch }).errors)).toEqual([field]);
  });

  it('masks saved header values and keeps them masked on the way back', () => {
    const monitor = {
      name: 'Docs',
      url: 'https://docs.example.com/mcp',
      transport: 'sse',
      headers: { Authorization: MASKED_VALUE },
      regions: ['eu-west'],
      intervalSeconds: 60,
      timeoutMs: 5000,
      degradedThresholdMs: 800,
      confirmations: 2,
      regionQuorum: 1,
      isPublic: true,
    } as unknown as Monitor;
    const form = formOf(monitor);
    expect(form.headers).toEqual([{ name: 'Authorization', value: MASKED_VALUE }]);
    expect(monitorBody(form).body).toMatchObject({
      headers: { Authorization: MASKED_VALUE },
      regionQuorum: 1,
    });
  });

  it('leaves saved header values out of a connection test, and says which', () => {
    const { body, withheld } = testBody({
      ...filled,
      authentication: 'headers',
      headers: [
        { name: 'Authorization', value: MASKED_VALUE },
        { name: 'X-Team', value: 'core' },
      ],
    });
    expect(body.headers).toEqual({ 'X-Team': 'core' });
    expect(withheld).toEqual(['Authorization']);
  });

  it('sends OAuth client credentials for the method chosen, and names what is missing', () => {
    const oauth = {
      clientId: ' mcpulse ',
      authMethod: 'client_secret_post' as const,
      clientSecret: 's',
      privateKey: 'ignored',
      scope: ' mcp  read ',
      issuer: ' https://auth.example.com ',
    };
    const { body, errors } = monitorBody({ ...filled, authentication: 'oauth', oauth });
    expect(errors).toEqual({});
    expect(body.oauth).toEqual({
      clientId: 'mcpulse',
      authMethod: 'client_secret_post',
      clientSecret: 's',
      scope: 'mcp read',
      issuer: 'https://auth.example.com',
    });
    expect(
      Object.keys(
        monitorBody({
          ...filled,
          authentication: 'oauth',
          oauth: { ...oauth, clientId: '', clientSecret: '' },
        }).errors,
      ),
    ).toEqual(['oauth.clientId', 'oauth.clientSecret']);
    const jwt = monitorBody({
      ...filled,
      authentication: 'oauth',
      oauth: { ...oauth, authMethod: 'private_key_jwt', privateKey: '' },
    });
    expect(Object.keys(jwt.errors)).toEqual(['oauth.privateKey']);
    const both = monitorBody({
      ...filled,
      authentication: 'oauth',
      oauth,
      headers: [{ name: 'Authorization', value: 'Bearer t' }],
    });
    expect(Object.keys(both.errors)).toEqual(['headers.Authorization']);
    expect(monitorBody({ ...filled, authentication: 'none', oauth }).body.oauth).toBeNull();
  });

  it('shows saved OAuth credentials masked, and keeps a saved secret out of a connection test', () => {
    const monitor = {
      name: 'Docs',
      url: 'https://docs.example.com/mcp',
      transport: 'auto',
      headers: {},
      oauth: {
        clientId: 'mcpulse',
        authMethod: 'client_secret_basic',
        scope: null,
        issuer: null,
        clientSecret: MASKED_VALUE,
      },
      regions: ['eu-west'],
      intervalSeconds: 60,
      timeoutMs: 5000,
      degradedThresholdMs: 800,
      confirmations: 2,
      regionQuorum: null,
      isPublic: false,
    } as unknown as Monitor;
    const form = formOf(monitor);
    expect(form.authentication).toBe('oauth');
    expect(monitorBody(form).body.oauth).toEqual({
      clientId: 'mcpulse',
      authMethod: 'client_secret_basic',
      clientSecret: MASKED_VALUE,
    });
    const { body, withheld } = testBody(form);
    expect(body.oauth).toBeNull();
    expect(withheld).toEqual(['the OAuth client secret']);
  });

  it('saves the OAuth connection made in the form, and asks for one before saving without', () => {
    const connect = { ...filled, authentication: 'connect' as const };
    expect(monitorBody(connect).errors).toEqual({
      oauthConnection: 'Connect with OAuth first: the button opens the sign-in',
    });
    const made = {
      id: '5b0c8a9e-3f65-4a4e-9d0c-8f0c2b1a7e11',
      issuer: 'https://auth.example.com',
      clientId: 'registered-1',
      registration: 'dynamic_registration' as const,
    };
    const { body, errors } = monitorBody({ ...connect, connect: { ...connect.connect, made } });
    expect(errors).toEqual({});
    expect(body).toMatchObject({ oauthConnection: made.id, oauth: null });
    const withHeader = monitorBody({
      ...connect,
      connect: { ...connect.connect, made },
      headers: [{ name: 'authorization', value: 'Bearer x' }],
    });
    expect(Object.keys(withHeader.errors)).toEqual(['headers.authorization']);
    expect(testBody(connect).withheld).toEqual(['the OAuth connection']);
  });

  it('keeps a saved OAuth connection, and drops it when another way is chosen', () => {
    const monitor = {
      name: 'Docs',
      url: 'https://docs.example.com/mcp',
      transport: 'auto',
      headers: {},
      oauth: null,
      oauthConnection: {
        issuer: 'https://auth.example.com',
        clientId: 'registered-1',
        registration: 'pre_registered',
        scope: 'mcp',
        connectedAt: '2026-12-01T10:00:00.000Z',
        consentRevoked: false,
      },
      regions: ['eu-west'],
      intervalSeconds: 60,
      timeoutMs: 5000,
      degradedThresholdMs: 800,
      confirmations: 2,
      regionQuorum: null,
      isPublic: false,
    } as unknown as Monitor;
    const form = formOf(monitor);
    expect(form.authentication).toBe('connect');
    expect(form.connect.saved).toEqual({
      issuer: 'https://auth.example.com',
      clientId: 'registered-1',
      registration: 'pre_registered',
    });
    const kept = monitorBody(form);
    expect(kept.errors).toEqual({});
    expect(kept.body).not.toHaveProperty('oauthConnection');
    expect(monitorBody({ ...form, authentication: 'none' }).body).toMatchObject({ oauthConnection: null });
  });

  it('starts a connection with the URL, headers and the client typed', () => {
    const form = {
      ...filled,
      authentication: 'connect' as const,
      connect: { ...NEW_MONITOR.connect, clientId: ' app ', clientSecret: 's3', scope: ' mcp  read ' },
    };
    expect(connectBody(form)).toEqual({
      body: {
        url: 'https://docs.example.com/mcp',
        transport: 'auto',
        headers: {},
        clientId: 'app',
        clientSecret: 's3',
        scope: 'mcp read',
      },
      errors: {},
    });
    const secretAlone = { ...form, connect: { ...form.connect, clientId: '' } };
    expect(connectBody(secretAlone).errors).toEqual({
      'connect.clientId': 'A client secret needs its client ID',
    });
  });
});
