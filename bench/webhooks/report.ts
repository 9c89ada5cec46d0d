import { type Verdict, verdictLine } from '../probe/report/verdict.js';
import type { WebhookBenchArgs } from './cli-args.js';
import type { RoundFigures } from './run-round.js';

export const P99_TARGET_MS = 2_000;

const ms = (value: number) => `${Math.round(value)}`;

function pad(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
}

export function verdict(rounds: readonly RoundFigures[]): Verdict {
  const worst = Math.max(...rounds.map((round) => round.firstAttemptMs.p99));
  return {
    name: 'commit → first attempt at the receiver, p99 (worst round)',
    measured: `${ms(worst)} ms`,
    target: `< ${P99_TARGET_MS} ms`,
    pass: worst < P99_TARGET_MS,
  };
}

export function reportText(
  args: WebhookBenchArgs,
  warmups: readonly RoundFigures[],
  rounds: readonly RoundFigures[],
): string {
  const widths = [10, 9, 9, 6, 6, 6, 6, 10, 11];
  const header = ['round', 'endpoints', 'fan-out', 'min', 'p50', 'p99', 'max', 'all logged', 'CPU ms/dlv'];
  const row = (name: string, round: RoundFigures) =>
    pad(
      [
        name,
        String(round.endpoints),
        ms(round.fanOutMs),
        ms(round.firstAttemptMs.min),
        ms(round.firstAttemptMs.p50),
        ms(round.firstAttemptMs.p99),
        ms(round.firstAttemptMs.max),
        ms(round.allLoggedMs),
        round.cpuMsPerDelivery.toFixed(2),
      ],
      widths,
    );
  return [
    `queue ${args.queue}, ${args.endpoints} endpoints on ${args.receivers} receiver servers, sender concurrency ${args.concurrency}`,
    'times in ms from the commit of the confirming result',
    '',
    pad(header, widths),
    pad(
      widths.map((width) => '-'.repeat(width)),
      widths,
    ),
    ...warmups.map((round) => row(`warm ${round.status}`, round)),
    ...rounds.map((round, i) => row(`${i + 1} ${round.status}`, round)),
    '',
    verdictLine(verdict(rounds)),
  ].join('\n');
}
