import { createLogger } from '@mcpulse/config';
import { readAuditDays } from '@mcpulse/db';
import { createTestDatabase, seedDirectoryEndpoint, type TestDatabase } from '@mcpulse/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Closers } from '../src/process/shutdown.js';
import { startDirectoryAuditUpkeep } from '../src/roles/directory-audit-loop.js';

let database: TestDatabase;
const logger = createLogger({ name: 'engine-test', level: 'silent' });
const today = new Date().toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function closers(): Closers & { closeAll(): Promise<void> } {
  const steps: (() => Promise<void> | void)[] = [];
  return {
    add: (_name, close) => steps.push(close),
    closeAll: async () => {
      for (const close of steps.reverse()) await close();
    },
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const slot = new Date(Math.max(Date.now() - 60_000, Date.parse(`${today}T00:00:01Z`)));
  await seedDirectoryEndpoint(database.handle.db, {
    url: 'https://dead.example.com/mcp',
    checks: [{ slot, status: 'down', errorCode: 'not_mcp', httpAlive: true }],
  });
});

afterAll(async () => database?.drop());

describe('the directory audit upkeep', () => {
  it('writes nothing while its process does not lead, and today’s row once it does', async () => {
    let leading = false;
    const steps = closers();
    startDirectoryAuditUpkeep(
      { db: database.handle.db, owns: () => leading, logger, firstRunMs: 10, everyMs: 50 },
      steps,
    );
    try {
      await sleep(400);
      expect(await readAuditDays(database.handle.db, today)).toEqual([]);
      leading = true;
      const deadline = Date.now() + 20_000;
      let rows = await readAuditDays(database.handle.db, today);
      while (rows.length === 0 && Date.now() < deadline) {
        await sleep(50);
        rows = await readAuditDays(database.handle.db, today);
      }
      expect(rows).toEqual([
        { day: today, bucket: 'http_alive_mcp_dead', errorCode: 'not_mcp', endpoints: 1 },
      ]);
    } finally {
      await steps.closeAll();
    }
  });
});
