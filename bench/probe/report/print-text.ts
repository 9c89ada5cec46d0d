import type { HangingFigures } from '../hanging/hanging-figures.js';
import type { Spread } from '../throughput/ratios.js';
import type { ThroughputFigures } from '../throughput/run-throughput.js';
import { formatTable } from './format-table.js';
import { verdictLine } from './verdict.js';

const fixed = (value: number, digits: number) => value.toFixed(digits);
const spread = (s: Spread) => `min ${fixed(s.min, 2)}, median ${fixed(s.median, 2)}, max ${fixed(s.max, 2)}`;

export function throughputText(figures: ThroughputFigures): string {
  const { options } = figures;
  const rows = figures.clients.map((client) => [
    client.label,
    String(client.checks),
    String(client.failures),
    fixed(client.wallMs / 1000, 2),
    fixed(client.probesPerSec, 0),
    fixed(client.cpuMsPerProbe, 3),
    fixed(client.probesPerCpuSec, 0),
    fixed(client.serverCpuMsPerProbe, 3),
    `${fixed(client.serverBusyPct, 0)}%`,
  ]);
  const table = formatTable(
    [
      'client',
      'checks',
      'fail',
      'wall s',
      'probes/s',
      'CPU ms/probe',
      'probes/CPU-s',
      'server ms/probe',
      'server busy',
    ],
    rows,
  );
  return [
    `Part A: throughput and CPU (${options.checks} checks per client in ${options.rounds} rounds, concurrency ${options.concurrency}, after ${options.warmup} warm-up checks each)`,
    '',
    table,
    '',
    `ratio: mcpulse probes/CPU-s ÷ naive SDK = ${fixed(figures.ratios.cpuEfficiencyVsSdk, 2)}×  (per round ${spread(figures.roundRatios.cpuEfficiencyVsSdk)})`,
    `ratio: mcpulse CPU ms/probe ÷ floor     = ${fixed(figures.ratios.cpuCostVsFloor, 2)}×  (per round ${spread(figures.roundRatios.cpuCostVsFloor)})`,
    ...figures.verdicts.map(verdictLine),
  ].join('\n');
}

export function hangingText(figures: HangingFigures): string {
  const { options, elapsedMs } = figures;
  const codes = Object.entries(figures.errorCodes)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  return [
    `Part B: ${options.checks} concurrent checks against servers that accept and never answer (timeoutMs ${options.timeoutMs}, ${options.listeners} listeners)`,
    '',
    `RSS baseline before the burst: ${fixed(figures.rssBaselineMb, 0)} MB`,
    `RSS peak during the burst:     ${fixed(figures.rssPeakMb, 0)} MB (+${fixed(figures.rssPeakMb - figures.rssBaselineMb, 0)} MB, ${figures.rssSamples} samples every 50 ms)`,
    `elapsed per check: min ${fixed(elapsedMs.min, 0)} ms, p50 ${fixed(elapsedMs.p50, 0)} ms, p99 ${fixed(elapsedMs.p99, 0)} ms, max ${fixed(elapsedMs.max, 0)} ms`,
    `issuing all ${options.checks} calls held the event loop ${fixed(figures.issueMs, 0)} ms; CPU ${fixed(figures.cpuMsPerCheck, 2)} ms per check`,
    `whole burst: ${fixed(figures.batchWallMs, 0)} ms; server accepted ${figures.acceptedConnections} connections, ${figures.connectionsOpenAfter} still open afterwards`,
    `results: ${codes}`,
    ...figures.verdicts.map(verdictLine),
  ].join('\n');
}
