import { beforeAll, describe, expect, it } from 'vitest';
import { createMonitor, createOrganization, useDatabase } from '../../test-support/database-kinds.js';
import { ownedMonitorView } from './monitor-views.js';
import { ownedMonitor, ownedMonitorIds } from './owned-monitor.js';
import { deleteOwnedMonitor, updateOwnedMonitor } from './write-monitor.js';

// The owner scope is the one place a caller's monitor is told from another
// organisation's: every owner-scoped query must find nothing across it.
describe('owner-scoped monitor queries', () => {
  const db = useDatabase('postgres');
  let mine: string;
  let theirs: string;
  let myMonitor: string;
  let theirMonitor: string;

  beforeAll(async () => {
    mine = await createOrganization(db(), 'mine');
    theirs = await createOrganization(db(), 'theirs');
    myMonitor = await createMonitor(db(), mine, { name: 'mine' });
    theirMonitor = await createMonitor(db(), theirs, { name: 'theirs' });
  });

  it('reads a monitor of the organisation and nothing of another', async () => {
    expect((await ownedMonitor(db(), mine, myMonitor))?.name).toBe('mine');
    expect(await ownedMonitor(db(), mine, theirMonitor)).toBeNull();
    expect((await ownedMonitorView(db(), mine, myMonitor))?.name).toBe('mine');
    expect(await ownedMonitorView(db(), mine, theirMonitor)).toBeNull();
    expect(await ownedMonitorIds(db(), mine, [myMonitor, theirMonitor])).toEqual([myMonitor]);
    expect(await ownedMonitorIds(db(), mine, [])).toEqual([]);
  });

  it('locks a monitor of the organisation only', async () => {
    await db().transaction(async (tx) => {
      expect((await ownedMonitor(tx, mine, myMonitor, { forUpdate: true }))?.id).toBe(myMonitor);
      expect(await ownedMonitor(tx, mine, theirMonitor, { forUpdate: true })).toBeNull();
    });
  });

  it("changes and deletes nothing of another organisation's", async () => {
    expect(await updateOwnedMonitor(db(), mine, theirMonitor, { name: 'taken' })).toBeNull();
    expect(await deleteOwnedMonitor(db(), mine, theirMonitor)).toBe(false);
    expect((await ownedMonitor(db(), theirs, theirMonitor))?.name).toBe('theirs');

    expect((await updateOwnedMonitor(db(), mine, myMonitor, { name: 'renamed' }))?.name).toBe('renamed');
    expect(await deleteOwnedMonitor(db(), mine, myMonitor)).toBe(true);
    expect(await ownedMonitor(db(), mine, myMonitor)).toBeNull();
  });
});
