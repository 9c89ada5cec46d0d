import type { Executor } from '../../database.js';
import { monitorReleases } from '../../schema/index.js';

export type NewRelease = typeof monitorReleases.$inferInsert;

/**
 * Records a release marker once: a retried or racing ingest that confirms the
 * same release again (same `dedupeKey`) inserts nothing. Returns the new row's
 * id, or null when it was there already.
 */
export async function insertRelease(
  db: Pick<Executor, 'insert'>,
  release: NewRelease,
): Promise<string | null> {
  const [row] = await db
    .insert(monitorReleases)
    .values(release)
    .onConflictDoNothing({ target: monitorReleases.dedupeKey })
    .returning({ id: monitorReleases.id });
  return row?.id ?? null;
}
