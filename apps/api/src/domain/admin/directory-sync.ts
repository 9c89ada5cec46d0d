import { type Db, type DirectoryRegistryRow, directoryRegistryStatuses } from '@mcpulse/db';
import { requestDirectorySync } from '@mcpulse/engine';
import type { QueueBackend } from '@mcpulse/queue';

export type DirectoryRegistryStatus = Omit<DirectoryRegistryRow, 'id' | 'createdAt'>;

/** Every registry the directory has read and how far its last sync got. */
export async function directoryRegistries(db: Db): Promise<DirectoryRegistryStatus[]> {
  const rows = await directoryRegistryStatuses(db);
  return rows.map(({ id: _id, createdAt: _createdAt, ...status }) => status);
}

/**
 * Asks the scheduler's processes (or the embedded one) for a sync at once. Requests made while
 * one waits are one request; a process with no registry configured takes it and syncs nothing.
 */
export async function requestSyncNow(
  queues: QueueBackend | undefined,
  now: Date,
): Promise<{ requestedAt: Date }> {
  if (!queues) throw new Error('this app was built without a queue, so it cannot ask for a sync');
  await requestDirectorySync(queues, now);
  return { requestedAt: now };
}
