import { type Db, queryRows } from '@mcpulse/db';
import { sql } from 'drizzle-orm';

interface Definition {
  table: string;
  name: string;
  kind: 'p' | 'f' | 'i';
  definition: string;
}

/**
 * Runs `load` with the primary keys, foreign keys and other indexes of
 * `tables` (partitioned parents included) dropped, then puts back exactly
 * what the migrations made, read from the catalog beforehand. Building an
 * index once over millions of sorted rows is many times faster than growing
 * it row by row; the checks the keys stand for are made again when they are
 * re-added, so a seeding bug still fails loudly.
 */
export async function withoutIndexes<T>(
  db: Db,
  tables: readonly string[],
  load: () => Promise<T>,
): Promise<T> {
  const names = sql.raw(tables.map((table) => `'${table}'`).join(', '));
  const constraints = await queryRows<Definition>(
    db,
    sql`select cl.relname as "table", co.conname as name, co.contype as kind,
          pg_get_constraintdef(co.oid) as definition
        from pg_constraint co join pg_class cl on cl.oid = co.conrelid
        where cl.relname in (${names}) and co.contype in ('p', 'f')`,
  );
  const indexes = await queryRows<Definition>(
    db,
    sql`select i.tablename as "table", i.indexname as name, 'i' as kind, i.indexdef as definition
        from pg_indexes i
        where i.schemaname = 'public' and i.tablename in (${names})
          and not exists (select 1 from pg_constraint co where co.conname = i.indexname)`,
  );
  for (const { table, name } of constraints.filter((c) => c.kind === 'f')) {
    await db.execute(sql`alter table ${sql.identifier(table)} drop constraint ${sql.identifier(name)}`);
  }
  for (const { name } of indexes) await db.execute(sql`drop index ${sql.identifier(name)}`);
  for (const { table, name } of constraints.filter((c) => c.kind === 'p')) {
    await db.execute(sql`alter table ${sql.identifier(table)} drop constraint ${sql.identifier(name)}`);
  }
  const loaded = await load();
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local maintenance_work_mem = '1GB'`);
    for (const { table, name, definition } of constraints.filter((c) => c.kind === 'p')) {
      await tx.execute(
        sql`alter table ${sql.identifier(table)} add constraint ${sql.identifier(name)} ${sql.raw(definition)}`,
      );
    }
    for (const { definition } of indexes) await tx.execute(sql.raw(definition));
    for (const { table, name, definition } of constraints.filter((c) => c.kind === 'f')) {
      await tx.execute(
        sql`alter table ${sql.identifier(table)} add constraint ${sql.identifier(name)} ${sql.raw(definition)}`,
      );
    }
  });
  return loaded;
}
