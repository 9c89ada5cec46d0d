import { type Db, type DirectoryList, type DirectoryListQuery, listDirectory } from '@mcpulse/db';

/** One page of the public directory: every figure comes precomputed from the leader's summaries. */
export async function readDirectoryList(
  db: Db,
  query: DirectoryListQuery,
): Promise<DirectoryList & { page: number; limit: number }> {
  const list = await listDirectory(db, query);
  return { ...list, page: query.page, limit: query.limit };
}
