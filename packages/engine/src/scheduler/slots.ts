/**
 * Where each check falls inside its interval. Every monitor gets a stable phase
 * (from a hash of its id) so load is flat across the interval instead of a
 * spike at :00, and its regions are spread evenly across the interval so an
 * outage is seen by some region within interval ÷ regions.
 */

export interface SchedulableMonitor {
  id: string;
  intervalSeconds: number;
  regions: readonly string[];
  /** A phase chosen for it (directory monitors sharing a host are spread apart); else from its id. */
  phaseMs?: number;
}

export interface DueSlot {
  monitorId: string;
  region: string;
  /** Epoch milliseconds of the scheduled start; with monitor and region it identifies the check. */
  slotMs: number;
}

/** FNV-1a: tiny, stable across processes and versions, and evenly spread for UUIDs. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function phaseOffsetMs(monitorId: string, intervalMs: number): number {
  return stableHash(monitorId) % intervalMs;
}

export function regionOffsetMs(regionIndex: number, regionCount: number, intervalMs: number): number {
  return Math.floor((regionIndex * intervalMs) / regionCount);
}

/** Every slot of `monitor` with `fromMs < slot <= toMs`, in time order. */
export function dueSlots(monitor: SchedulableMonitor, fromMs: number, toMs: number): DueSlot[] {
  const intervalMs = monitor.intervalSeconds * 1000;
  const phase = (monitor.phaseMs ?? phaseOffsetMs(monitor.id, intervalMs)) % intervalMs;
  const regions = [...monitor.regions].sort();
  const slots: DueSlot[] = [];
  regions.forEach((region, index) => {
    const offset = (phase + regionOffsetMs(index, regions.length, intervalMs)) % intervalMs;
    let k = Math.floor((fromMs - offset) / intervalMs) + 1;
    for (let slot = k * intervalMs + offset; slot <= toMs; slot = ++k * intervalMs + offset) {
      if (slot > fromMs) slots.push({ monitorId: monitor.id, region, slotMs: slot });
    }
  });
  return slots.sort((a, b) => a.slotMs - b.slotMs);
}

/**
 * Phases for monitors that share a host (directory monitors, which are checked one at a time per
 * host): spread evenly across the interval from a point the host's name picks, in id order, so two
 * checks of one host fall `interval / n` apart instead of wherever their ids hash to, and the host's
 * turn is rarely taken when a check comes. Monitors of other intervals get their own spread.
 */
export function spreadHostPhases(
  monitors: ReadonlyArray<{ id: string; host: string; intervalSeconds: number }>,
): Map<string, number> {
  const groups = new Map<string, Array<{ id: string; intervalSeconds: number }>>();
  for (const monitor of monitors) {
    const key = `${monitor.intervalSeconds}|${monitor.host}`;
    const group = groups.get(key);
    if (group) group.push(monitor);
    else groups.set(key, [monitor]);
  }
  const phases = new Map<string, number>();
  for (const [key, group] of groups) {
    const intervalMs = group[0]!.intervalSeconds * 1000;
    const base = stableHash(key) % intervalMs;
    group.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    group.forEach((monitor, index) => {
      phases.set(monitor.id, (base + Math.floor((index * intervalMs) / group.length)) % intervalMs);
    });
  }
  return phases;
}
