import { ValidationFailed } from '@mcpulse/core';
import type { ProbeErrorCode, ResultStatus } from '@mcpulse/core/domain';
import { type Db, listResults, type Page, type ResultView } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { readOwnMonitor } from './read-own-monitor.js';

export interface ResultsQuery {
  region?: string | undefined;
  status?: ResultStatus | undefined;
  errorCode?: ProbeErrorCode | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** One page of a monitor's results, newest first, filtered. */
export async function readResults(
  db: Db,
  principal: Pick<Principal, 'organizationId'>,
  monitorId: string,
  query: ResultsQuery,
): Promise<Page<ResultView>> {
  const { cursor, limit, ...filters } = query;
  if (filters.from && filters.to && filters.from >= filters.to) {
    throw new ValidationFailed('from', 'from must be before to');
  }
  return readOwnMonitor(db, principal, monitorId, (id) => listResults(db, id, filters, cursor, limit));
}
