import { randomUUID } from 'node:crypto';
import { newWebhookSecret, sealWebhookSecret } from '@mcpulse/core';
import { type DatabaseHandle, monitors, openDatabase, organizations, webhookEndpoints } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';

export const REGION = 'bench';

export interface BenchWorld {
  database: TestDatabase;
  /** A pool sized for the sender's concurrency, as a webhooks worker would open. */
  handle: DatabaseHandle;
  monitorId: string;
  close(): Promise<void>;
}

/** A fresh database with one organisation, one monitor and an endpoint per URL, each with its own secret. */
export async function createWorld(
  urls: readonly string[],
  secretKey: Buffer,
  poolSize: number,
): Promise<BenchWorld> {
  const database = await createTestDatabase();
  const handle = await openDatabase({ kind: 'postgres', url: database.url, poolSize });
  const db = handle.db;
  const [org] = await db.insert(organizations).values({ name: 'bench' }).returning();
  const [monitor] = await db
    .insert(monitors)
    .values({
      organizationId: org!.id,
      name: 'bench monitor',
      url: 'https://mcp.example.com/mcp',
      regions: [REGION],
    })
    .returning();
  const rows = urls.map((url) => {
    const id = randomUUID();
    return {
      id,
      organizationId: org!.id,
      url,
      eventTypes: [],
      secretSealed: sealWebhookSecret(secretKey, id, newWebhookSecret()),
    };
  });
  for (let i = 0; i < rows.length; i += 500) await db.insert(webhookEndpoints).values(rows.slice(i, i + 500));
  return {
    database,
    handle,
    monitorId: monitor!.id,
    async close() {
      await handle.close();
      await database.drop();
    },
  };
}
