import type { OAuthConnectionSummary } from '@mcpulse/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMonitor, createOrganization, useDatabase } from '../../test-support/database-kinds.js';
import { ownedMonitor } from '../monitors/owned-monitor.js';
import { updateOwnedMonitor } from '../monitors/write-monitor.js';
import { storeRotatedConnection } from './monitor-connection.js';

const summary = (connectionId: string, generation: number): OAuthConnectionSummary => ({
  connectionId,
  generation,
  issuer: 'https://auth.example.com',
  clientId: 'app',
  registration: 'pre_registered',
  scope: null,
  connectedAt: '2026-12-01T10:00:00.000Z',
});

// A rotated refresh token replaces the saved one only when it is newer and of the same sign-in.
describe('storing a rotated OAuth connection', () => {
  const db = useDatabase('postgres');
  let org: string;
  let monitorId: string;

  beforeAll(async () => {
    org = await createOrganization(db(), 'rotations');
    monitorId = await createMonitor(db(), org, { name: 'connected' });
    await updateOwnedMonitor(db(), org, monitorId, {
      oauthConnectionSealed: 'sealed-0',
      oauthConnection: summary('c1', 0),
    });
  });

  const saved = async () => {
    const row = await ownedMonitor(db(), org, monitorId);
    return { sealed: row?.oauthConnectionSealed, generation: row?.oauthConnection?.generation };
  };

  it('keeps a newer generation, and never an older or equal one', async () => {
    expect(await storeRotatedConnection(db(), monitorId, 'sealed-2', summary('c1', 2))).toBe(true);
    expect(await saved()).toEqual({ sealed: 'sealed-2', generation: 2 });
    expect(await storeRotatedConnection(db(), monitorId, 'sealed-1', summary('c1', 1))).toBe(false);
    expect(await storeRotatedConnection(db(), monitorId, 'sealed-2b', summary('c1', 2))).toBe(false);
    expect(await saved()).toEqual({ sealed: 'sealed-2', generation: 2 });
  });

  it('never overwrites another sign-in, nor a monitor disconnected since', async () => {
    expect(await storeRotatedConnection(db(), monitorId, 'sealed-x', summary('c-old', 9))).toBe(false);
    await updateOwnedMonitor(db(), org, monitorId, { oauthConnectionSealed: null, oauthConnection: null });
    expect(await storeRotatedConnection(db(), monitorId, 'sealed-3', summary('c1', 3))).toBe(false);
    expect(await saved()).toEqual({ sealed: null, generation: undefined });
  });
});
