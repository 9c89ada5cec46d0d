import { createLogger } from '@mcpulse/config';
import { directoryEndpoints, directorySummaries } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDirectorySummaries } from '../src/roles/directory-summaries-loop.js';

const logger = createLogger({ name: 'directory-summaries-test', level: 'silent' });
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => database?.drop());

function closersList() {
  const closes: Array<() => unknown> = [];
  return {
    add: (_name: string, close: () => unknown) => {
      closes.push(close);
    },
    closeAll: () => {
      for (const close of closes) close();
    },
  };
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('directory summaries loop', () => {
  it('refreshes the list only while it owns the upkeep', async () => {
    const db = database.handle.db;
    await db
      .insert(directoryEndpoints)
      .values({ url: 'https://loop.example/mcp', host: 'loop.example', transport: 'streamable-http' });
    const rows = async () => (await db.select().from(directorySummaries)).length;
    let owns = false;
    let asked = 0;
    const closers = closersList();
    startDirectorySummaries(
      {
        db,
        logger,
        owns: () => {
          asked += 1;
          return owns;
        },
        everyMs: 50,
        firstRunMs: 10,
      },
      closers,
    );
    try {
      await waitFor(async () => asked >= 5, 5_000);
      // A standby never writes: counting refusals rather than waiting a while proves it asked.
      expect(await rows()).toBe(0);
      owns = true;
      await waitFor(async () => (await rows()) === 1, 5_000);
    } finally {
      closers.closeAll();
    }
  });
});
