import { dueSlots } from '@mcpulse/engine';

/**
 * How long before a monitor's next check each outage starts (or ends). An
 * outage's detection time is, above all, the wait for the next check, so the
 * moments are drawn at random in equal slices of the gap between checks (a
 * stratified sample): n outages then cover the gap evenly, and the measured
 * median does not hang on where a handful of draws happened to land.
 */
export function leadTimes(count: number, gapMs: number, random: () => number = Math.random): number[] {
  const leads = Array.from({ length: count }, (_, index) => ((index + random()) / count) * gapMs);
  // Shuffled, so the slice an outage gets does not depend on its monitor's place in the list.
  for (let index = leads.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [leads[index], leads[other]] = [leads[other]!, leads[index]!];
  }
  return leads;
}

/** The first check of the monitor, in any of its regions, due after `afterMs`. */
export function nextCheckAt(
  monitor: { id: string; intervalSeconds: number; regions: string[] },
  afterMs: number,
): number {
  const [next] = dueSlots(monitor, afterMs, afterMs + monitor.intervalSeconds * 1000);
  if (!next) throw new Error(`no slot of ${monitor.id} within an interval`);
  return next.slotMs;
}

/** The gap between two checks of a monitor from any of its regions: regions are spread evenly. */
export function checkGapMs(monitor: { intervalSeconds: number; regions: string[] }): number {
  return (monitor.intervalSeconds * 1000) / monitor.regions.length;
}
