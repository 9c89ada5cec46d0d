import { ValidationFailed } from '@mcpulse/core';
import { and, type Column, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; null on the last one. */
  nextCursor: string | null;
}

/** The keyset position after an item, opaque to clients: base64url of its sort key as JSON. */
export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationFailed('cursor', 'cursor is not one this API issued');
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new ValidationFailed('cursor', 'cursor is not one this API issued');
  return result.data;
}

/**
 * A timestamp as microsecond-exact UTC text, for cursors: a JS Date keeps only
 * milliseconds, and a key that loses precision skips or repeats rows.
 */
export function exactTime(column: Column | SQL): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** `exactTime` text of a real instant: the pattern alone would let `2026-99-99…` through to a failing cast. */
export const exactTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/)
  .refine((text) => {
    const millis = `${text.slice(0, 23)}Z`;
    const parsed = new Date(millis);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString() === millis;
  });

const timeIdCursor = z.tuple([exactTimeSchema, z.uuid()]);

/**
 * The rows after the one `cursor` names, in a list ordered by `time` and then
 * `id`, both descending (newest first): an earlier time, or the same time and
 * a smaller id. No condition without a cursor. The cursor is the item's
 * `[exactTime(time), id]`.
 */
export function newestFirstAfter(time: Column, id: Column, cursor: string | undefined): SQL | undefined {
  if (cursor === undefined) return undefined;
  const [at, lastId] = decodeCursor(cursor, timeIdCursor);
  const instant = sql`${at}::timestamptz`;
  return or(sql`${time} < ${instant}`, and(sql`${time} = ${instant}`, lt(id, lastId)));
}

/** Cuts the extra row a page query fetched to learn whether another page follows. */
export function pageOf<Row, Item>(
  rows: readonly Row[],
  limit: number,
  item: (row: Row) => Item,
  key: (row: Row) => readonly unknown[],
): Page<Item> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(item),
    nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null,
  };
}
