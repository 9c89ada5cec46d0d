import { type SQL, sql } from 'drizzle-orm';

/**
 * Rows as ONE jsonb parameter, unpacked by `jsonb_to_recordset` as `r`: a
 * statement carries one parameter however many rows it writes, and both
 * drivers (pg and PGlite) pass it as plain text. `columns` are `name sqltype`
 * pairs; the records' keys are the column names.
 */
export function jsonRecords(
  records: readonly object[],
  columns: ReadonlyArray<readonly [string, string]>,
): SQL {
  const definition = columns.map(([name, type]) => `"${name}" ${type}`).join(', ');
  return sql`jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${sql.raw(definition)})`;
}
