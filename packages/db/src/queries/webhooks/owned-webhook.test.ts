import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, useDatabase } from '../../test-support/database-kinds.js';
import {
  deleteOwnedWebhookEndpoint,
  insertWebhookEndpoint,
  ownedWebhookEndpoint,
  updateOwnedWebhookEndpoint,
} from './owned-webhook.js';
import { ownedWebhookView } from './webhook-views.js';

// The owner scope is the one place a caller's endpoint is told from another
// organisation's: every owner-scoped query must find nothing across it.
describe('owner-scoped webhook endpoint queries', () => {
  const db = useDatabase('postgres');
  let mine: string;
  let theirs: string;
  let myEndpoint: string;
  let theirEndpoint: string;

  async function endpoint(organizationId: string, description: string): Promise<string> {
    const id = randomUUID();
    await insertWebhookEndpoint(db(), {
      id,
      organizationId,
      url: 'https://hooks.example.com/in',
      description,
      eventTypes: [],
      secretSealed: 'sealed',
    });
    return id;
  }

  beforeAll(async () => {
    mine = await createOrganization(db(), 'mine');
    myEndpoint = await endpoint(mine, 'mine');
    theirs = await createOrganization(db(), 'theirs');
    theirEndpoint = await endpoint(theirs, 'theirs');
  });

  it('reads an endpoint of the organisation and nothing of another', async () => {
    expect((await ownedWebhookEndpoint(db(), mine, myEndpoint))?.secretSealed).toBe('sealed');
    expect(await ownedWebhookEndpoint(db(), mine, theirEndpoint, { forUpdate: true })).toBeNull();
    expect((await ownedWebhookView(db(), mine, myEndpoint))?.description).toBe('mine');
    expect(await ownedWebhookView(db(), mine, theirEndpoint)).toBeNull();
  });

  it("changes and deletes nothing of another organisation's", async () => {
    await updateOwnedWebhookEndpoint(db(), mine, theirEndpoint, { description: 'taken' });
    expect(await deleteOwnedWebhookEndpoint(db(), mine, theirEndpoint)).toBe(false);
    expect((await ownedWebhookView(db(), theirs, theirEndpoint))?.description).toBe('theirs');

    await updateOwnedWebhookEndpoint(db(), mine, myEndpoint, { description: 'renamed' });
    expect((await ownedWebhookView(db(), mine, myEndpoint))?.description).toBe('renamed');
    expect(await deleteOwnedWebhookEndpoint(db(), mine, myEndpoint)).toBe(true);
    expect(await ownedWebhookView(db(), mine, myEndpoint)).toBeNull();
  });
});
