import { getIncidents } from './monitors-api.js';
import type { Incident } from './types.js';

/** Every incident that started since `from` (and any still open), following pages. */
export async function incidentsSince(
  monitorId: string,
  from: number,
  signal: AbortSignal,
): Promise<Incident[]> {
  const items: Incident[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const page = await getIncidents(monitorId, { limit: 100, ...(cursor ? { cursor } : {}) }, signal);
    items.push(...page.items);
    const oldest = page.items.at(-1);
    if (!page.nextCursor || !oldest || Date.parse(oldest.startedAt) < from) break;
    cursor = page.nextCursor;
  }
  return items;
}
