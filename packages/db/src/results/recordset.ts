import { type SQL, sql } from 'drizzle-orm';

/**
 * A whole batch as ONE jsonb parameter, unpacked by `jsonb_to_recordset`: a
 * statement carries one parameter however many rows it inserts (Postgres
 * caps a statement at 65 535), and both drivers pass text without needing
 * array type information. `columns` are `name sqltype` pairs, in order.
 */
export function recordset(
  records: readonly object[],
  columns: ReadonlyArray<readonly [string, string]>,
): SQL {
  const definition = columns.map(([name, type]) => `"${name}" ${type}`).join(', ');
  return sql`jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${sql.raw(definition)})`;
}

export function columnList(columns: ReadonlyArray<readonly [string, string]>): SQL {
  return sql.raw(columns.map(([name]) => `"${name}"`).join(', '));
}
