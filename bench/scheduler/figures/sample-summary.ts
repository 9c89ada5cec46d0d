import type { Sample } from '../sampling/sampler.js';

export interface Spread {
  avg: number;
  max: number;
}

export interface ProcessFigures {
  name: string;
  cpuPct: Spread;
  /** Main thread runnable but off-core, as a share of wall time (see GroupSample). */
  waitPct: Spread;
  rssMb: Spread;
}

export interface QueueFigures {
  samples: number;
  resultsDepth: Spread & {
    /** At the last sample of the measured window. */
    atWindowEnd: number;
    /** Least-squares trend over the window, in jobs per second: positive means ingest falls behind. */
    slopePerSec: number;
  };
  probeWaiting: Spread;
  probeDelayed: Spread;
  probeActive: Spread;
  machineBusyPct: Spread;
}

function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { avg: Number.NaN, max: Number.NaN };
  return { avg: values.reduce((sum, v) => sum + v, 0) / values.length, max: Math.max(...values) };
}

function slope(points: ReadonlyArray<readonly [number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export function inWindow(samples: readonly Sample[], fromMs: number, toMs: number): Sample[] {
  return samples.filter((sample) => sample.at > fromMs && sample.at <= toMs);
}

export function queueFigures(window: readonly Sample[]): QueueFigures {
  const results = window.map((sample) => sample.resultsDepth);
  const first = window[0]?.at ?? 0;
  return {
    samples: window.length,
    resultsDepth: {
      ...spread(results),
      atWindowEnd: results[results.length - 1] ?? Number.NaN,
      slopePerSec: slope(window.map((sample) => [(sample.at - first) / 1000, sample.resultsDepth] as const)),
    },
    probeWaiting: spread(window.map((sample) => sample.probeWaiting)),
    probeDelayed: spread(window.map((sample) => sample.probeDelayed)),
    probeActive: spread(window.map((sample) => sample.probeActive)),
    machineBusyPct: spread(window.map((sample) => sample.machineBusyPct)),
  };
}

export function processFigures(window: readonly Sample[], names: readonly string[]): ProcessFigures[] {
  return names.map((name) => {
    const readings = window.flatMap((sample) => {
      const group = sample.groups[name];
      return group ? [group] : [];
    });
    return {
      name,
      cpuPct: spread(readings.map((reading) => reading.cpuPct)),
      waitPct: spread(readings.map((reading) => reading.waitPct)),
      rssMb: spread(readings.map((reading) => reading.rssMb)),
    };
  });
}
