import type { QueueBackend } from '@mcpulse/queue';
import { readMachineTicks, readProc } from './proc-stats.js';

/** A named set of processes measured together (one worker role, the fleet, every Postgres backend). */
export interface ProcessGroup {
  name: string;
  pids: () => number[];
}

export interface GroupSample {
  /** Share of one core over the last interval: 100 is one core fully busy. */
  cpuPct: number;
  /**
   * Time the group's main thread was runnable but waited for a core, as a share of the interval:
   * high means the machine, not the process, set its pace.
   */
  waitPct: number;
  rssMb: number;
}

export interface Sample {
  /** Epoch milliseconds. */
  at: number;
  /** Waiting + delayed + active jobs. */
  resultsDepth: number;
  probeWaiting: number;
  probeDelayed: number;
  probeActive: number;
  /** The whole machine's busy share of all its cores, in percent. */
  machineBusyPct: number;
  /** Redis's used_memory, in MB (every client's, not only the bench's). */
  redisUsedMb: number;
  groups: Record<string, GroupSample>;
}

export interface Sampler {
  samples: Sample[];
  stop(): Promise<void>;
}

/**
 * Every `intervalMs`: both queues' depths through the queue backend, Redis's memory, and each
 * group's CPU and RSS from /proc. CPU is the tick delta over the wall time that
 * really passed, so a late timer skews no figure.
 */
export function startSampler(
  queues: QueueBackend,
  queueNames: { results: string; probe: string },
  groups: readonly ProcessGroup[],
  redisUsedMb: () => Promise<number>,
  intervalMs: number,
): Sampler {
  const samples: Sample[] = [];
  const lastCpu = new Map<number, { cpuMs: number; waitMs: number }>();
  let lastAt = Date.now();
  let lastMachine = readMachineTicks();
  const readGroups = (elapsedMs: number, first: boolean) => {
    const result: Record<string, GroupSample> = {};
    for (const group of groups) {
      let cpuMs = 0;
      let waitMs = 0;
      let rssMb = 0;
      for (const pid of group.pids()) {
        const reading = readProc(pid);
        if (!reading) continue;
        const before = lastCpu.get(pid);
        if (before !== undefined) {
          cpuMs += reading.cpuMs - before.cpuMs;
          waitMs += reading.waitMs - before.waitMs;
        }
        lastCpu.set(pid, reading);
        rssMb += reading.rssMb;
      }
      if (!first) {
        result[group.name] = {
          cpuPct: (cpuMs / elapsedMs) * 100,
          waitPct: (waitMs / elapsedMs) * 100,
          rssMb,
        };
      }
    }
    return result;
  };
  readGroups(0, true);

  let running: Promise<void> = Promise.resolve();
  const take = async () => {
    const [results, probe, redisMb] = await Promise.all([
      queues.depth(queueNames.results),
      queues.depth(queueNames.probe),
      redisUsedMb(),
    ]);
    const at = Date.now();
    const machine = readMachineTicks();
    const machineBusyPct =
      ((machine.busy - lastMachine.busy) / Math.max(1, machine.total - lastMachine.total)) * 100;
    lastMachine = machine;
    const groupSamples = readGroups(at - lastAt, false);
    lastAt = at;
    samples.push({
      at,
      resultsDepth: results.waiting + results.delayed + results.active,
      probeWaiting: probe.waiting,
      probeDelayed: probe.delayed,
      probeActive: probe.active,
      machineBusyPct,
      redisUsedMb: redisMb,
      groups: groupSamples,
    });
  };
  const timer = setInterval(() => {
    running = running.then(take).catch(() => {
      // A sample lost to a slow Redis is a gap in the series, not a reason to stop the run.
    });
  }, intervalMs);
  return {
    samples,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
