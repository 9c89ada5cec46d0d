import { cpus, loadavg } from 'node:os';
import { startWebhookReceiver } from '@mcpulse/testkit';
import { parseDetectionArgs } from './cli-args.js';
import { measureDistributed } from './distributed-mode.js';
import { measureEmbedded } from './embedded-mode.js';
import { printMode, summary } from './report.js';
import type { OutageFigures } from './run-outages.js';

/**
 * `npm run bench:detection`: how long after an MCP server dies its owner gets
 * the signed monitor.down, and after it comes back the monitor.up, with every
 * default (60 s interval, two confirmations, 10 s re-checks), in the embedded
 * mode (one region) and the distributed mode (three regions, quorum two).
 */
const args = parseDetectionArgs(process.argv.slice(2));
const results: Partial<Record<'embedded' | 'distributed', OutageFigures[]>> = {};
const load = () => loadavg()[0]!.toFixed(1);
if (!args.json)
  console.log(`Node ${process.version}, ${cpus().length} cores, load average ${load()} at the start`);
for (const mode of args.modes) {
  // Only what a customer's receiver would act on counts: a request no secret verifies is refused.
  const receiver = await startWebhookReceiver({ refuseUnverified: true });
  try {
    results[mode] =
      mode === 'embedded'
        ? await measureEmbedded(args.outages, receiver)
        : await measureDistributed(args.outages, receiver);
    if (receiver.refused.length > 0)
      throw new Error(`${receiver.refused.length} webhooks failed their signature check`);
  } finally {
    await receiver.close();
  }
  if (!args.json) printMode(mode, results[mode]!);
}
if (args.json) {
  console.log(
    JSON.stringify(
      Object.fromEntries(Object.entries(results).map(([mode, outages]) => [mode, summary(outages)])),
      null,
      2,
    ),
  );
} else console.log(`\nload average ${load()} at the end`);
process.exit(0);
