import os from 'node:os';
import { parseSchedulerArgs } from './cli-args.js';
import { schedulerText } from './report/print-text.js';
import { runSchedulerBench } from './run-bench.js';

/**
 * `npm run bench:scheduler`: prints figures and PASS/FAIL per target, and exits 0
 * either way (it is a benchmark, not a test).
 */
const args = parseSchedulerArgs(process.argv.slice(2));
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
  `mcpulse scheduler bench: Node ${machine.node}, ${machine.cpus} cores (${machine.cpuModel}), load average ${machine.loadAverageAtStart.toFixed(2)}`,
);
// The first Ctrl-C ends the run early but still stops the workers, drops the database and deletes the keys.
const interrupt = new AbortController();
process.once('SIGINT', () => {
  interrupt.abort();
  process.once('SIGINT', () => process.exit(130));
});
const figures = await runSchedulerBench(args, log, interrupt.signal);
machine.loadAverageAtEnd = os.loadavg()[0] ?? 0;
if (args.json) {
  console.log(JSON.stringify({ machine, scheduler: figures }, null, 2));
} else {
  console.log(`\n${schedulerText(figures)}`);
  console.log(
    `\nload average (1 min) at start ${machine.loadAverageAtStart.toFixed(2)}, at end ${machine.loadAverageAtEnd.toFixed(2)}`,
  );
}
