import type { Monitor, StoredResult } from '@mcpulse/contract';
import { silentAfterMs } from '@mcpulse/core/domain';

/** What the monitor page says of one region: its newest check, a newer skipped slot, and silence. */
export interface RegionStatus {
  region: string;
  /** The newest check the region ran (a skipped slot is not one). */
  latest: StoredResult | null;
  /** The newest skipped slot, when it is newer than `latest`: the region's worker came back late. */
  skipped: StoredResult | null;
  /**
   * The region has not reported a check for longer than the state machine waits (two intervals
   * and a grace): it is not counted toward confirmation until it reports again.
   */
  silent: boolean;
  /**
   * Since when it has been silent: its newest check, or the monitor's creation when it never
   * reported. Null when the region is silent and its newest check is older than the results read.
   */
  silentSince: string | null;
}

/**
 * The status of every region of `monitor` (and of any other region found in `results`), in name
 * order, judged at `now` the way the state machine judges silence. `results` are the newest
 * results of the monitor, newest first or not.
 */
export function regionStatuses(
  monitor: Pick<Monitor, 'regions' | 'intervalSeconds' | 'createdAt' | 'paused'>,
  results: readonly StoredResult[],
  now: number,
): RegionStatus[] {
  const regions = [...new Set([...monitor.regions, ...results.map((result) => result.region)])].sort();
  const waitMs = silentAfterMs(monitor.intervalSeconds);
  return regions.map((region) => {
    const own = results.filter((result) => result.region === region);
    const latest = newest(own.filter((result) => result.status !== 'skipped'));
    const skippedSlot = newest(own.filter((result) => result.status === 'skipped'));
    const skipped = skippedSlot && (!latest || slotOf(skippedSlot) > slotOf(latest)) ? skippedSlot : null;
    const lastReport = latest ? slotOf(latest) : own.length > 0 ? null : Date.parse(monitor.createdAt);
    const silent =
      !monitor.paused &&
      monitor.regions.includes(region) &&
      (lastReport === null || now - lastReport > waitMs);
    const silentSince = !silent
      ? null
      : latest
        ? latest.checkedAt
        : own.length > 0
          ? null
          : monitor.createdAt;
    return { region, latest, skipped, silent, silentSince };
  });
}

const slotOf = (result: StoredResult) => Date.parse(result.slot);

function newest(results: readonly StoredResult[]): StoredResult | null {
  let found: StoredResult | null = null;
  for (const result of results) if (!found || slotOf(result) > slotOf(found)) found = result;
  return found;
}
