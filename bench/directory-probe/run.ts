import os from 'node:os';
import { verdictLine } from '../probe/report/verdict.js';
import { parseDirectoryProbeArgs } from './cli-args.js';
import { runDirectoryProbeBench } from './run-bench.js';

/**
 * `npm run bench:directory-probe`: prints figures and PASS/FAIL per target, and exits 0 either way
 * (it is a benchmark, not a test).
 */
const args = parseDirectoryProbeArgs(process.argv.slice(2));
const log = (line: string) => {
  if (!args.json) console.log(line);
};
const loadAtStart = os.loadavg()[0] ?? 0;
log(
  `mcpulse directory probe bench: Node ${process.version}, ${os.availableParallelism()} cores, load average ${loadAtStart.toFixed(2)}`,
);
const interrupt = new AbortController();
process.once('SIGINT', () => {
  interrupt.abort();
  process.once('SIGINT', () => process.exit(130));
});
const figures = await runDirectoryProbeBench(args, log, interrupt.signal);
const loadAtEnd = os.loadavg()[0] ?? 0;
if (args.json) {
  console.log(JSON.stringify({ loadAtStart, loadAtEnd, figures }, null, 2));
} else {
  const { checks, hosts } = figures;
  console.log(`
window: ${figures.window.from} to ${figures.window.to}
checks planned ${checks.planned}: on time ${checks.onTime}, late ${checks.late}, skipped ${checks.skipped}, missing ${checks.missing}
lateness (start − slot): p50 ${checks.latenessMs.p50} ms, p99 ${checks.latenessMs.p99} ms, max ${checks.latenessMs.max} ms
hosts: ${hosts.checks} checks seen by the servers, at most ${hosts.maxConcurrentPerHost} at once per host, least rest ${hosts.leastSpacingMs ?? '–'} ms
User-Agent: ${hosts.userAgents.join(' | ')}
worker log: ${figures.logDir}

${figures.verdicts.map(verdictLine).join('\n')}

load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadAtEnd.toFixed(2)}`);
}
