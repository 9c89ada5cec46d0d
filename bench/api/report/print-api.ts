import { formatTable } from '../../probe/report/format-table.js';
import { type Verdict, verdictLine } from '../../probe/report/verdict.js';
import type { IngestFigures } from '../measure/measure-ingest.js';
import type { ReadFigures } from '../measure/measure-reads.js';
import type { CallTimings } from '../measure/time-calls.js';
import type { SeedFigures } from '../seed/seed-database.js';

const ms = (value: number) => value.toFixed(1);
const thousands = (value: number) => Math.round(value).toLocaleString('en-US');
const percent = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(2)}%`;

export function seedText(seed: SeedFigures): string {
  const byStatus = new Map<string, number>();
  for (const row of seed.mix) byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + row.rows);
  const downCodes = seed.mix
    .filter((row) => row.status === 'down')
    .map((row) => `${row.errorCode} ${thousands(row.rows)}`)
    .join(', ');
  return [
    `Seeded in ${(seed.totalMs / 1000).toFixed(1)} s: ${thousands(seed.resultRows)} raw results, rollups ${thousands(seed.rollupRows.minute)} minute / ${thousands(seed.rollupRows.hour)} hour / ${thousands(seed.rollupRows.day)} day; database ${thousands(seed.databaseMb)} MB`,
    `result mix: ${['up', 'degraded', 'down'].map((status) => `${status} ${percent(byStatus.get(status) ?? 0, seed.resultRows)}`).join(', ')} (down: ${downCodes || 'none'})`,
    `seed checks passed: ${seed.latenciesBucketChecked.toLocaleString('en-US')} latencies bucketed in SQL as @mcpulse/core does; one monitor's histograms and levels add up`,
  ].join('\n');
}

export function readsText(reads: ReadFigures): string {
  const row = (label: string, timings: CallTimings) => [
    label,
    ms(timings.p50Ms),
    ms(timings.p95Ms),
    ms(timings.maxMs),
  ];
  const { sample } = reads;
  return [
    `Reads: the @mcpulse/db query functions behind the API routes, called directly (not over HTTP), ${reads.monitorWindows.repetitions} times each after warm-up`,
    '',
    formatTable(
      ['call', 'p50 ms', 'p95 ms', 'max ms'],
      [
        row('uptimeWindows + latencyWindows, one monitor', reads.monitorWindows),
        row('  uptimeWindows alone', reads.uptimeWindows),
        row('  latencyWindows alone', reads.latencyWindows),
        row('the same pair, a different monitor each time', reads.monitorWindowsRotating),
        row(`monitorsOverview, ${reads.overviewMonitors} monitors`, reads.overview),
      ],
    ),
    '',
    `answers: 30 d uptime ${sample.uptime30d === null ? 'n/a' : percent(sample.uptime30d, 1)} over ${thousands(sample.checks30d)} checks, 30 d p95 ${sample.p95Ms30d?.toFixed(0) ?? 'n/a'} ms; first listed monitor 24 h uptime ${sample.overviewUptime24h === null ? 'n/a' : percent(sample.overviewUptime24h, 1)}`,
  ].join('\n');
}

export function ingestText(runs: readonly IngestFigures[]): string {
  return [
    'Ingest: insertResults (results + minute/hour/day rollup upserts in one transaction), batches one after another',
    '',
    formatTable(
      ['batch size', 'rows', 'batches', 'wall s', 'rows/s', 'batch p50 ms', 'batch p95 ms', 'batch max ms'],
      runs.map((run) => [
        String(run.batchSize),
        thousands(run.inserted),
        String(run.batches),
        (run.wallMs / 1000).toFixed(2),
        thousands(run.rowsPerSecond),
        ms(run.batch.p50Ms),
        ms(run.batch.p95Ms),
        ms(run.batch.maxMs),
      ]),
    ),
  ].join('\n');
}

export function verdictsText(verdicts: readonly Verdict[]): string {
  return verdicts.map(verdictLine).join('\n');
}
