import { type SQL, sql } from 'drizzle-orm';

/**
 * A whole batch as ONE json parameter, unpacked by `json_to_recordset` as `r`:
 * a statement carries one parameter however many rows it writes (Postgres
 * caps a statement at 65 535), and both drivers (pg and PGlite) pass text
 * without needing array type information. `json`, not `jsonb`: the text is
 * read once, as the rows are made, instead of first being built into a jsonb
 * value while the statement binds. `columns` are `key sqltype` pairs: the
 * records' keys, which become `r`'s column names; other keys are ignored.
 */
export function recordset(
  records: readonly object[],
  columns: ReadonlyArray<readonly [string, string]>,
): SQL {
  const definition = columns.map(([name, type]) => `"${name}" ${type}`).join(', ');
  return sql`json_to_recordset(${JSON.stringify(records)}::json) as r(${sql.raw(definition)})`;
}

/** The quoted names of `columns`, comma-separated, for an insert's column list or a select list. */
export function columnList(columns: ReadonlyArray<readonly [string, string]>): SQL {
  return sql.raw(columns.map(([name]) => `"${name}"`).join(', '));
}
