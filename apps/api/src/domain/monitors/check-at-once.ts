import { checksAtOnce, enqueueChecks } from '@mcpulse/engine';
import type { MonitorDeps } from './monitor-deps.js';

/** A monitor's row as far as its first checks need it. */
export interface CheckedMonitor {
  id: string;
  url: string;
  transport: Parameters<typeof checksAtOnce>[0]['transport'];
  timeoutMs: number;
  degradedThresholdMs: number;
  headersSealed: string | null;
  canary: Parameters<typeof checksAtOnce>[0]['canary'];
  oauthSealed: string | null;
  oauthConnectionSealed: string | null;
  regions: string[];
  intervalSeconds: number;
}

/**
 * A new, edited or resumed monitor is checked at once in every region it
 * uses, rather than at its next slot: its status is known in seconds. Without
 * a queue (a test app) the scheduler's cadence alone checks it.
 */
export async function checkAtOnce(
  deps: Pick<MonitorDeps, 'queues'>,
  monitor: CheckedMonitor,
  knownSchemaHash: string | null,
  now: Date,
): Promise<void> {
  if (!deps.queues) return;
  await enqueueChecks(deps.queues, checksAtOnce(monitor, knownSchemaHash, now.getTime()), now.getTime());
}
