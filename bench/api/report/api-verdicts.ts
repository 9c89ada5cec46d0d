import type { Verdict } from '../../probe/report/verdict.js';
import type { IngestFigures } from '../measure/measure-ingest.js';
import type { ReadFigures } from '../measure/measure-reads.js';

export const TARGETS = { monitorWindowsP95Ms: 50, overviewP95Ms: 200, ingestRowsPerSecond: 5_000 } as const;

export function apiVerdicts(reads: ReadFigures, ingest: readonly IngestFigures[]): Verdict[] {
  const verdicts: Verdict[] = [
    {
      name: 'uptime + p95 windows (to 90 d) for one monitor, p95',
      measured: `${reads.monitorWindows.p95Ms.toFixed(1)} ms`,
      target: `< ${TARGETS.monitorWindowsP95Ms} ms`,
      pass: reads.monitorWindows.p95Ms < TARGETS.monitorWindowsP95Ms,
    },
    {
      name: `monitor list with 24 h uptime for ${reads.overviewMonitors} monitors, p95`,
      measured: `${reads.overview.p95Ms.toFixed(1)} ms`,
      target: `< ${TARGETS.overviewP95Ms} ms`,
      pass: reads.overview.p95Ms < TARGETS.overviewP95Ms,
    },
  ];
  for (const run of ingest) {
    verdicts.push({
      name: `ingest of ${run.rows.toLocaleString('en-US')} results in batches of ${run.batchSize}`,
      measured: `${Math.round(run.rowsPerSecond).toLocaleString('en-US')} rows/s`,
      target: `> ${TARGETS.ingestRowsPerSecond.toLocaleString('en-US')} rows/s`,
      pass: run.rowsPerSecond > TARGETS.ingestRowsPerSecond,
    });
  }
  return verdicts;
}
