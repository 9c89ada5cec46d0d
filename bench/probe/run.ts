import os from 'node:os';
import { parseBenchArgs } from './cli-args.js';
import { runHanging } from './hanging/run-hanging.js';
import { hangingText, throughputText } from './report/print-text.js';
import { runThroughput } from './throughput/run-throughput.js';

/**
 * `npm run bench:probe`: prints figures, never fails on a missed target (it is a
 * benchmark, not a test). Part B runs first so its RSS baseline is that of a
 * freshly started process rather than one whose heap Part A has already grown.
 */
const args = parseBenchArgs(process.argv.slice(2));
const log = (line: string) => {
  if (!args.json) console.log(line);
};
const machine = {
  node: process.version,
  cpus: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  platform: `${os.platform()} ${os.release()}`,
  /** Other load on the machine skews every figure, so it is part of the record. */
  loadAverageAtStart: os.loadavg()[0] ?? 0,
  loadAverageAtEnd: 0,
};

log(
  `mcpulse probe bench: Node ${machine.node}, ${machine.cpus} cores (${machine.cpuModel}), load average ${machine.loadAverageAtStart.toFixed(2)}\n`,
);
if (args.parts.hanging) log('Part B: starting the hanging servers...');
const hanging = args.parts.hanging ? await runHanging(args.hanging, log) : null;
if (args.parts.throughput) log('Part A: starting the fixture server...');
const throughput = args.parts.throughput ? await runThroughput(args.throughput, log) : null;
machine.loadAverageAtEnd = os.loadavg()[0] ?? 0;

if (args.json) {
  console.log(JSON.stringify({ machine, throughput, hanging }, null, 2));
} else {
  const sections = [throughput && throughputText(throughput), hanging && hangingText(hanging)];
  console.log(`\n${sections.filter((section) => section !== null).join('\n\n')}`);
  console.log(
    `\nload average (1 min) at start ${machine.loadAverageAtStart.toFixed(2)}, at end ${machine.loadAverageAtEnd.toFixed(2)}`,
  );
}
