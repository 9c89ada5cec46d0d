import type { Verdict } from '../report/verdict.js';
import { percentile } from './percentile.js';

export interface HangingOptions {
  checks: number;
  timeoutMs: number;
  listeners: number;
}

/** What one burst measured, before it is judged. */
export interface HangingSample {
  rssBaselineBytes: number;
  rssPeakBytes: number;
  rssSamples: number;
  /** Each check's own elapsed time, in start order. */
  elapsedMs: number[];
  issueMs: number;
  batchWallMs: number;
  cpuMs: number;
  errorCodes: Record<string, number>;
  acceptedConnections: number;
  connectionsOpenAfter: number;
}

export interface HangingFigures {
  options: HangingOptions;
  rssBaselineMb: number;
  rssPeakMb: number;
  rssSamples: number;
  elapsedMs: { min: number; p50: number; p99: number; max: number };
  overDeadlineSlack: number;
  /** How long the synchronous part of starting every check held the event loop. */
  issueMs: number;
  batchWallMs: number;
  /** This process's CPU over the whole burst, per check. */
  cpuMsPerCheck: number;
  errorCodes: Record<string, number>;
  acceptedConnections: number;
  connectionsOpenAfter: number;
  verdicts: Verdict[];
}

const MB = 1024 * 1024;
export const DEADLINE_SLACK = 1.1;
const RSS_LIMIT_MB = 300;

export function hangingFigures(options: HangingOptions, sample: HangingSample): HangingFigures {
  const sorted = [...sample.elapsedMs].sort((a, b) => a - b);
  const limit = options.timeoutMs * DEADLINE_SLACK;
  const elapsedMs = {
    min: sorted[0]!,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1]!,
  };
  const overSlack = sorted.filter((ms) => ms > limit).length;
  const timeouts = sample.errorCodes.timeout ?? 0;
  const rssPeakMb = sample.rssPeakBytes / MB;
  const open = sample.connectionsOpenAfter;
  return {
    options,
    rssBaselineMb: sample.rssBaselineBytes / MB,
    rssPeakMb,
    rssSamples: sample.rssSamples,
    elapsedMs,
    overDeadlineSlack: overSlack,
    issueMs: sample.issueMs,
    batchWallMs: sample.batchWallMs,
    cpuMsPerCheck: sample.cpuMs / options.checks,
    errorCodes: sample.errorCodes,
    acceptedConnections: sample.acceptedConnections,
    connectionsOpenAfter: open,
    verdicts: [
      {
        name: `peak RSS during ${options.checks} concurrent hanging checks`,
        measured: `${rssPeakMb.toFixed(0)} MB`,
        target: `< ${RSS_LIMIT_MB} MB`,
        pass: rssPeakMb < RSS_LIMIT_MB,
      },
      {
        name: 'slowest check vs its deadline',
        measured: `max ${elapsedMs.max.toFixed(0)} ms, p99 ${elapsedMs.p99.toFixed(0)} ms, ${overSlack} over ${limit.toFixed(0)} ms`,
        target: `every check ≤ ${limit.toFixed(0)} ms (deadline × ${DEADLINE_SLACK})`,
        pass: overSlack === 0,
      },
      {
        name: "every check reported error.code 'timeout'",
        measured: `${timeouts}/${options.checks}`,
        target: `${options.checks}/${options.checks}`,
        pass: timeouts === options.checks,
      },
      {
        name: 'connections left open on the server after the checks',
        measured: String(open),
        target: '0',
        pass: open === 0,
      },
    ],
  };
}
