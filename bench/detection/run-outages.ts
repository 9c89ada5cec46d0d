import type { ReceivedWebhook, WebhookReceiver } from '@mcpulse/testkit';
import type { McpTarget } from './mcp-targets.js';
import { checkGapMs, leadTimes, nextCheckAt } from './outage-moments.js';

export interface WatchedTarget {
  monitor: { id: string; intervalSeconds: number; regions: string[] };
  target: McpTarget;
}

export interface OutageFigures {
  /** Kill to the signed monitor.down, ms. */
  downMs: number;
  /** Restart to the signed monitor.up, ms. */
  upMs: number;
  /** How long before the next check the server died, and came back. */
  killLeadMs: number;
  restoreLeadMs: number;
}

const ALERT_TIMEOUT_MS = 180_000;
/** Never start an outage sooner than this: the monitor's last checks and re-checks have settled. */
const SETTLE_MS = 12_000;

const sleepUntil = (atMs: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, atMs - Date.now())));

/** The first verified `type` event of the monitor received at or after `sinceMs`. */
async function alert(
  receiver: WebhookReceiver,
  monitorId: string,
  type: string,
  sinceMs: number,
): Promise<ReceivedWebhook> {
  const monitorOf = (webhook: ReceivedWebhook) =>
    (webhook.event?.data as { monitor?: { id: string } | null } | undefined)?.monitor?.id;
  try {
    return await receiver.waitForMatch(
      (webhook) =>
        webhook.event?.type === type && monitorOf(webhook) === monitorId && webhook.receivedAt >= sinceMs,
      ALERT_TIMEOUT_MS,
    );
  } catch (error) {
    throw new Error(`no signed ${type} for ${monitorId}: ${(error as Error).message}`);
  }
}

/** The moment `leadMs` before the monitor's first check due after `notBeforeMs`. */
function momentBefore(watched: WatchedTarget, notBeforeMs: number, leadMs: number): number {
  let slot = nextCheckAt(watched.monitor, notBeforeMs + leadMs);
  while (slot - leadMs < notBeforeMs) slot = nextCheckAt(watched.monitor, slot);
  return slot - leadMs;
}

/**
 * One outage per monitor, all at once: the server dies a stratified random
 * time before the monitor's next check, and comes back the same way once the
 * signed monitor.down has arrived; both alerts are timed from the moment of
 * the kill and of the restart.
 */
export async function runOutages(
  watched: readonly WatchedTarget[],
  receiver: WebhookReceiver,
): Promise<OutageFigures[]> {
  const gap = checkGapMs(watched[0]!.monitor);
  const killLeads = leadTimes(watched.length, gap);
  const restoreLeads = leadTimes(watched.length, gap);
  const started = Date.now();
  return Promise.all(
    watched.map(async (one, index) => {
      const killAt = momentBefore(one, started + SETTLE_MS, killLeads[index]!);
      await sleepUntil(killAt);
      await one.target.kill();
      const killed = Date.now();
      const down = await alert(receiver, one.monitor.id, 'monitor.down', killed);
      const restoreAt = momentBefore(one, down.receivedAt + 2_000, restoreLeads[index]!);
      await sleepUntil(restoreAt);
      await one.target.restart();
      const restarted = Date.now();
      const up = await alert(receiver, one.monitor.id, 'monitor.up', restarted);
      return {
        downMs: down.receivedAt - killed,
        upMs: up.receivedAt - restarted,
        killLeadMs: killLeads[index]!,
        restoreLeadMs: restoreLeads[index]!,
      };
    }),
  );
}

/** Waits until `isUp` says every monitor is confirmed up. */
export async function waitUntilAllUp(
  ids: readonly string[],
  statuses: () => Promise<Map<string, string>>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await statuses();
    const waiting = ids.filter((id) => now.get(id) !== 'up');
    if (waiting.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${waiting.length} monitors not up after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
