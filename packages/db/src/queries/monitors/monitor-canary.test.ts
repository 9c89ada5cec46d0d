import type { ToolCanary } from '@mcpulse/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMonitor, createOrganization, useDatabase } from '../../test-support/database-kinds.js';
import { ownedMonitorView } from './monitor-views.js';
import { ownedMonitor } from './owned-monitor.js';
import { updateOwnedMonitor } from './write-monitor.js';

const canary: ToolCanary = {
  tool: 'search',
  arguments: { query: 'status', nested: { limit: 1 } },
  expect: { kind: 'json_path', path: '$.items[0]', equals: { id: 1 } },
  timeoutMs: 2_000,
  confirmedNoSideEffects: true,
};

describe("a monitor's tool-call canary", () => {
  const db = useDatabase('postgres');
  let org: string;
  let monitor: string;

  beforeAll(async () => {
    org = await createOrganization(db(), 'canary');
    monitor = await createMonitor(db(), org, { name: 'with canary' });
  });

  it('is stored whole and read back as it was written, then cleared', async () => {
    expect((await ownedMonitor(db(), org, monitor))?.canary).toBeNull();
    await updateOwnedMonitor(db(), org, monitor, { canary });
    expect((await ownedMonitor(db(), org, monitor))?.canary).toEqual(canary);
    expect((await ownedMonitorView(db(), org, monitor))?.canary).toEqual(canary);
    await updateOwnedMonitor(db(), org, monitor, { canary: null });
    expect((await ownedMonitorView(db(), org, monitor))?.canary).toBeNull();
  });

  it('is held to its shape and bounds by the database as well', async () => {
    for (const bad of [
      { ...canary, tool: '' },
      { ...canary, tool: 'x'.repeat(257) },
      { ...canary, arguments: [1] },
      { ...canary, timeoutMs: 99 },
      { ...canary, timeoutMs: 60_001 },
    ]) {
      const refused = await updateOwnedMonitor(db(), org, monitor, {
        canary: bad as unknown as ToolCanary,
      }).catch((error: Error) => error.cause);
      expect(String((refused as { constraint?: string })?.constraint), JSON.stringify(bad)).toMatch(
        /^monitors_canary_/,
      );
    }
    await updateOwnedMonitor(db(), org, monitor, { canary: { ...canary, timeoutMs: null } });
    expect((await ownedMonitor(db(), org, monitor))?.canary?.timeoutMs).toBeNull();
  });
});
