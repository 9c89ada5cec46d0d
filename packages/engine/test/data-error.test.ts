import { openDatabase } from '@mcpulse/db';
import { createTestDatabase, type TestDatabase } from '@mcpulse/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { causedByData, refusalReason } from '../src/ingest/data-error.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => database?.drop());

/** The error a statement really fails with, as drizzle hands it over. */
async function failureOf(statement: ReturnType<typeof sql>): Promise<unknown> {
  try {
    await database.handle.db.execute(statement);
  } catch (error) {
    return error;
  }
  throw new Error('the statement did not fail');
}

describe('telling refused data from an unavailable database', () => {
  it.each([
    [
      'NUL in JSON text',
      sql`select * from json_to_recordset(${'[{"a":"x\\u0000"}]'}::json) as r(a text)`,
      '22P05',
    ],
    ['a lone surrogate in JSON', sql`select ${'{"a":"\\ud800"}'}::jsonb`, '22P02'],
    ['an integer out of range', sql`select ${'99999999999'}::integer`, '22003'],
    [
      'a foreign key to a deleted monitor',
      sql`insert into monitor_state (monitor_id) values (gen_random_uuid())`,
      '23503',
    ],
  ])('counts %s as the data’s fault', async (_label, statement, state) => {
    const error = await failureOf(statement);
    expect(causedByData(error)).toBe(true);
    expect(refusalReason(error)).toContain(`(SQLSTATE ${state})`);
  });

  it('does not count a cancelled statement or a lost connection', async () => {
    const cancelled = await database.handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local statement_timeout = 10`);
      return tx.execute(sql`select pg_sleep(1)`).then(
        () => null,
        (error: unknown) => error,
      );
    });
    expect(causedByData(cancelled)).toBe(false);

    const unreachable = await openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none' });
    const lost = await unreachable.db.execute(sql`select 1`).then(
      () => null,
      (error: unknown) => error,
    );
    await unreachable.close();
    expect(lost).not.toBeNull();
    expect(causedByData(lost)).toBe(false);
  });

  it('counts what our own code throws on a value', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    let thrown: unknown;
    try {
      JSON.stringify(deep);
    } catch (error) {
      thrown = error;
    }
    expect(causedByData(thrown)).toBe(true);
  });
});
